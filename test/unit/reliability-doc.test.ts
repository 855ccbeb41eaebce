/**
 * docs/reliability.md names, for each fault and kind of bad input, the tests that prove what it
 * says. This keeps the page true: every test file it names exists, every test name it gives is a
 * test in that file (a renamed or deleted test fails here), and every row names a proof or says
 * plainly that one is still to come.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const doc = fs.readFileSync(path.join(repoRoot, 'docs/reliability.md'), 'utf8');

/** `test/….test.ts` › "test name", or a file alone */
const REFERENCE = /`(test\/[\w./-]+\.test\.ts)`(?:\s*›\s*"([^"]+)")?/g;

interface Reference {
  file: string;
  name: string | null;
}

function references(text: string): Reference[] {
  return [...text.matchAll(REFERENCE)].map((m) => ({ file: m[1] ?? '', name: m[2] ?? null }));
}

/** the names of the uvu tests a file declares: test('…'), test("…"), test(`…`) */
function testNames(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/\btest\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    names.push((m[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  return names;
}

/** the body rows of the page's tables (not headers or separators) */
function tableRows(text: string): string[] {
  const rows: string[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    if (!inTable) {
      inTable = true; // the header row
      continue;
    }
    if (/^\|[\s|:-]+\|$/.test(line)) continue;
    rows.push(line);
  }
  return rows;
}

test('the test names of a file are read as uvu declares them, quotes and escapes included', () => {
  const source = `test('a plain one', () => {});\ntest("the bot's answer", async () => {});\ntest('it\\'s escaped', () => {});\ntest(\`in backticks\`, () => {});\ntest.run();`;
  assert.equal(testNames(source), ['a plain one', "the bot's answer", "it's escaped", 'in backticks']);
});

test('every test file the page names exists', () => {
  const missing = [...new Set(references(doc).map((r) => r.file))].filter((file) => !fs.existsSync(path.join(repoRoot, file)));
  assert.equal(missing, []);
});

test('every test the page names is a test of that file', () => {
  const named = references(doc).filter((r): r is Reference & { name: string } => r.name !== null);
  assert.ok(named.length >= 20, `the page names its tests (${named.length} found)`);
  const unknown = named.filter((r) => {
    const file = path.join(repoRoot, r.file);
    return !fs.existsSync(file) || !testNames(fs.readFileSync(file, 'utf8')).includes(r.name);
  });
  assert.equal(unknown.map((r) => `${r.file} › "${r.name}"`), []);
});

test('every row names the tests that prove it, or says they are still to come', () => {
  const rows = tableRows(doc);
  assert.ok(rows.length >= 20, `the page has its rows (${rows.length} found)`);
  const unproved = rows.filter((row) => references(row).every((r) => r.name === null) && !/to come/.test(row));
  assert.equal(unproved, []);
});

test.run();
