/**
 * The run: every suite the mutants name once as it is (a suite that already fails cannot judge a
 * mutant), then each mutant alone, its suites in order until one fails. A mutant is killed by any of
 * its suites that passes without it; it survives only when every one of them passes with it too.
 */
import { applyMutant } from './apply-mutant.ts';
import type { Mutant } from './mutant.ts';
import { runSuite } from './run-suite.ts';
import type { Verdict } from './verdict.ts';

type Db = 'sqlite' | 'postgres';
/** a mutant that breaks the syntax (esbuild cannot transform the file) fails every suite and says nothing about the tests */
const COMPILE_ERROR = /TransformError[^\n]*/;
const keyOf = (suite: string, db: Db) => `${suite} [${db}]`;
const dbOf = (mutant: Mutant): Db => mutant.db ?? 'sqlite';

export interface RunHooks {
  baseline(suite: string, passed: boolean, ms: number, tail: string): void;
  verdict(verdict: Verdict): void;
}

export async function runMutants(dir: string, mutants: readonly Mutant[], hooks: RunHooks): Promise<Verdict[]> {
  const healthy = new Map<string, boolean>();
  for (const mutant of mutants) {
    for (const suite of mutant.suites) {
      const key = keyOf(suite, dbOf(mutant));
      if (healthy.has(key)) continue;
      const run = await runSuite(dir, suite, dbOf(mutant));
      healthy.set(key, run.passed);
      hooks.baseline(key, run.passed, run.ms, run.tail);
    }
  }

  const verdicts: Verdict[] = [];
  for (const mutant of mutants) {
    const verdict = await judge(dir, mutant, healthy);
    verdicts.push(verdict);
    hooks.verdict(verdict);
  }
  return verdicts;
}

async function judge(dir: string, mutant: Mutant, healthy: ReadonlyMap<string, boolean>): Promise<Verdict> {
  const usable = mutant.suites.filter((suite) => healthy.get(keyOf(suite, dbOf(mutant))));
  const broken = mutant.suites.filter((suite) => !usable.includes(suite));
  const brokenReason = `fails without the mutant: ${broken.join(', ')}`;
  if (usable.length === 0) return { mutant, outcome: 'not-run', reason: brokenReason };
  const applied = applyMutant(dir, mutant);
  if ('stale' in applied) return { mutant, outcome: 'stale', reason: applied.stale };
  const started = Date.now();
  try {
    for (const suite of usable) {
      const run = await runSuite(dir, suite, dbOf(mutant));
      if (!run.passed && COMPILE_ERROR.test(run.tail)) return { mutant, outcome: 'stale', reason: `the mutated code does not compile: ${COMPILE_ERROR.exec(run.tail)?.[0] ?? ''}` };
      if (!run.passed) return { mutant, outcome: 'killed', by: keyOf(suite, dbOf(mutant)), timedOut: run.timedOut, ms: Date.now() - started, output: run.tail };
    }
    // a suite that could not judge might have killed it: undecided, not survived
    if (broken.length > 0) return { mutant, outcome: 'not-run', reason: `survived the other suites; ${brokenReason}` };
    return { mutant, outcome: 'survived', ms: Date.now() - started };
  } finally {
    applied.restore();
  }
}
