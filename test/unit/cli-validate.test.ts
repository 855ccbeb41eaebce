/** `baton validate` through the real binary, as a flow author runs it. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { brokenDir, expectedLines, validDir } from '../support/flow-fixture-files.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/baton.js');

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

function baton(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; command?: string[] } = {}): Promise<Run> {
  const [command, ...prefix] = options.command ?? [process.execPath, bin];
  const env = { ...process.env, ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(command ?? process.execPath, [...prefix, ...args], { cwd: options.cwd ?? root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stdout.split('\n').filter(Boolean), stderr: stderr.split('\n').filter(Boolean) }));
  });
}

/** A throwaway folder holding copies of the given broken fixtures. */
function folderWith(...fixtures: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-cli-'));
  for (const name of fixtures) fs.copyFileSync(path.join(brokenDir, name), path.join(dir, name));
  return dir;
}

test('a valid folder: exit 0 and one OK line on stdout', async () => {
  const run = await baton(['validate', 'test/fixtures/flows/valid/complete']);
  assert.is(run.code, 0);
  assert.equal(run.stderr, []);
  assert.equal(run.stdout, [
    'test/fixtures/flows/valid/complete: OK, 4 files: Flow "support" (8 triggers, 17 steps, 5 tests), 2 BusinessHours, 2 Queues, 1 RoutingRules, 2 canned responses, 1 Survey, 1 AutoClose',
  ]);
});

test('a broken folder: exit 1, each problem as file:line:col: message [code] on stderr, then the count', async () => {
  const dir = folderWith('unknown-step.yaml');
  const run = await baton(['validate', '.'], { cwd: dir });
  assert.is(run.code, 1);
  assert.equal(run.stdout, []);
  assert.equal(run.stderr, [...expectedLines(brokenDir, 'unknown-step.yaml'), '.: 3 problems']);
});

test('problems of several files come in file order, paths as given on the command line', async () => {
  const run = await baton(['validate', path.relative(root, path.join(brokenDir, 'second-flow'))]);
  assert.is(run.code, 1);
  assert.equal(run.stderr, [
    'test/fixtures/flows/broken/second-flow/b-sales.yaml:2:7: a flow set has one shared Flow (without `channels`); the first is at test/fixtures/flows/broken/second-flow/a-support.yaml:1:7; to answer some channels only, give this one `channels: [...]` [second-flow] (at /kind)',
    'test/fixtures/flows/broken/second-flow: 1 problem',
  ]);
});

test('without a folder argument it validates BATON_FLOWS_DIR', async () => {
  const dir = folderWith('cel-type.yaml');
  const run = await baton(['validate'], { cwd: dir, env: { BATON_FLOWS_DIR: '.' } });
  assert.is(run.code, 1);
  assert.equal(run.stderr.slice(0, -1), expectedLines(brokenDir, 'cel-type.yaml'));
});

test('without a folder argument or BATON_FLOWS_DIR it validates ./flows', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-cli-'));
  fs.cpSync(path.join(validDir, 'minimal'), path.join(dir, 'flows'), { recursive: true });
  const run = await baton(['validate'], { cwd: dir, env: { BATON_FLOWS_DIR: undefined } });
  assert.is(run.code, 0);
  assert.match(run.stdout[0] ?? '', /^\.\/flows: OK, 1 file: Flow "support"/);
});

test('a folder without flow files, or no folder at all, is an error', async () => {
  const empty = await baton(['validate', fs.mkdtempSync(path.join(os.tmpdir(), 'baton-cli-'))]);
  assert.is(empty.code, 1);
  assert.match(empty.stderr[0] ?? '', /: no flow files \(\*\.yaml, \*\.yml\) found$/);
  const missing = await baton(['validate', 'no/such/folder']);
  assert.is(missing.code, 1);
  assert.match(missing.stderr[0] ?? '', /^no\/such\/folder: cannot read the flows folder/);
});

test('an unknown command exits 2 with a suggestion and the usage', async () => {
  const run = await baton(['valdate']);
  assert.is(run.code, 2);
  assert.is(run.stderr[0], 'baton: unknown command "valdate" (did you mean "validate"?)');
  assert.match(run.stderr.join('\n'), /baton validate \[dir\]/);
});

test('npx baton validate flows works from the repository root (the shipped flows are valid)', async () => {
  const run = await baton(['validate', 'flows'], { command: ['npx', '--no-install', 'baton'] });
  assert.is(run.code, 0, run.stderr.join('\n'));
  assert.match(run.stdout[0] ?? '', /^flows: OK, \d+ files?: Flow "/);
});

test.run();
