/**
 * The bench (npm run bench) at toy sizes, so it keeps working as the engine changes. No timing is
 * asserted here, only that every scenario runs and yields positive figures: speed is the bench's
 * business. On the Postgres leg of the suite the Postgres scenario runs instead of the others.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBench, type BenchResults } from '../../bench/bench.ts';
import { SMOKE } from '../../bench/lib/sizes.ts';
import { repoRoot } from '../support/engine-harness.ts';

const onPostgres = process.env.BATON_TEST_DB === 'postgres';
const scenarios = onPostgres ? ['postgres'] : ['ingest', 'e2e', 'fanout', 'memory', 'flow', 'studio', 'analytics', 'bot'];
let results: BenchResults;

test.before(async () => {
  results = await runBench({ scenarios, sizes: SMOKE, sizesName: 'smoke' });
});

test('every scenario runs to the end', () => {
  assert.equal(results.failures, []);
  for (const scenario of scenarios) {
    assert.ok(results.figures.some((f) => f.scenario === scenario), `${scenario} produced no figure`);
  }
});

test('every figure, baseline and ratio is a positive number', () => {
  for (const figure of results.figures) {
    assert.ok(Number.isFinite(figure.value) && figure.value > 0, `${figure.name}: ${figure.value}`);
    if (figure.baseline) assert.ok(Number.isFinite(figure.baseline.value) && figure.baseline.value > 0, `${figure.name} baseline: ${figure.baseline.value}`);
    if (figure.ratio !== null) assert.ok(figure.ratio > 0, `${figure.name} ratio: ${figure.ratio}`);
  }
});

/** HEAD's commit as git names it; null outside a git checkout */
function gitHead(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

test('the results name the machine, Node and the commit', () => {
  assert.ok(results.machine.cores > 0);
  assert.is(results.node, process.version);
  const head = process.env.BATON_BENCH_COMMIT ?? gitHead();
  if (fs.statSync(path.join(repoRoot, '.git'), { throwIfNoEntry: false })?.isDirectory() || process.env.BATON_BENCH_COMMIT) {
    assert.is(results.commit, head, 'the commit the figures were measured on');
  } else {
    // a linked worktree (.git is a file) or no checkout at all: the bench reads .git/HEAD only
    assert.ok(results.commit === null || results.commit === head, String(results.commit));
  }
});

test.run();
