#!/usr/bin/env node
/**
 * `npm test`: type-check, build the studio, then run every uvu suite in its own process (unit,
 * integration on SQLite and on Postgres, cluster on Postgres + Redis, browser), two at a time, and
 * close with one line:
 * `N passed, N failed, N skipped`. Usage: node scripts/run-tests.mjs [filter-substring ...]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);
const CONCURRENCY = Number(process.env.BATON_TEST_CONCURRENCY ?? 2);
const SUITE_TIMEOUT_MS = 10 * 60 * 1000;

function list(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full).filter((f) => f.endsWith('.test.ts')).sort().map((f) => path.join(dir, f));
}

const jobs = [
  ...list('test/unit').map((file) => ({ file, env: {} })),
  ...list('test/integration').flatMap((file) => [
    { file, env: { BATON_TEST_DB: 'sqlite' }, label: `${file} [sqlite]` },
    { file, env: { BATON_TEST_DB: 'postgres' }, label: `${file} [postgres]` },
  ]),
  // several engine processes on one Postgres and one Redis: scale-out needs both, so once, on them
  ...list('test/cluster').map((file) => ({ file, env: { BATON_TEST_DB: 'postgres' }, label: `${file} [postgres+redis]` })),
  ...list('test/e2e').map((file) => ({ file, env: {} })),
].filter((job) => filters.length === 0 || filters.some((f) => (job.label ?? job.file).includes(f)));

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(killed after ${SUITE_TIMEOUT_MS / 1000}s)`;
      child.kill('SIGKILL');
    }, SUITE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

const strip = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
function summary(output) {
  const text = strip(output);
  const number = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? NaN);
  return { total: number('Total'), passed: number('Passed'), skipped: number('Skipped') };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function record(label, ok, counts, output) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}  (${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''})`);
  if (!ok) console.log(output.split('\n').map((line) => `     ${line}`).join('\n'));
}

async function check(label, command, args) {
  const { code, output } = await run(command, args);
  record(label, code === 0, { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 }, output);
}

async function suite(job) {
  const { code, output } = await run(process.execPath, ['--import', 'tsx', job.file], job.env);
  const s = summary(output);
  const label = job.label ?? job.file;
  if (Number.isNaN(s.total)) {
    record(label, false, { passed: 0, failed: 1, skipped: 0 }, output);
    return;
  }
  const failed = s.total - s.passed - s.skipped;
  const ok = code === 0 && failed === 0;
  record(label, ok, { passed: s.passed, failed: ok ? failed : Math.max(failed, 1), skipped: s.skipped }, output);
}

if (filters.length === 0) {
  await check('typecheck (tsc --noEmit)', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
}
if (filters.length === 0 || jobs.some((job) => job.file.startsWith('test/e2e'))) {
  await check('studio build (vite)', 'npm', ['run', 'build', '--silent']);
}
const queue = [...jobs];
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await suite(job);
  }),
);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
