/**
 * `npm run mutate [-- <id substring>...] [--working-tree] [--list] [--check] [--verbose]`: plants each hand-written mutant
 * (scripts/mutate/mutants/) in a private copy of the repository, runs the suites it names, and prints
 * killed or SURVIVED per mutant, then the score. The full run fails when the score falls below
 * SCORE_FLOOR_PERCENT, or when a mutant is stale or could not run. Not part of `npm test`.
 */
import path from 'node:path';
import { staleness } from './apply-mutant.ts';
import { mutants } from './mutants/index.ts';
import { runMutants } from './run-mutants.ts';
import { SCORE_FLOOR_PERCENT } from './score-floor.ts';
import { score, type Verdict } from './verdict.ts';
import { createWorkspace } from './workspace.ts';

const root = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));
const chosen = mutants.filter((m) => filters.length === 0 || filters.some((f) => m.id.includes(f)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** the failing tests' names and messages from uvu's output, indented */
function failures(output: string): string {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  return lines.filter((line) => /FAIL|Error|Expected|timed out/.test(line)).slice(0, 6).map((line) => `      ${line.trim()}`).join('\n');
}

function describe(v: Verdict): string {
  switch (v.outcome) {
    case 'killed':
      return `killed    ${v.mutant.id}  by ${v.by}${v.timedOut ? ' (timed out)' : ''}  ${seconds(v.ms)}`;
    case 'survived':
      return `SURVIVED  ${v.mutant.id}  ${v.mutant.file}: ${v.mutant.bug}  ${seconds(v.ms)}`;
    case 'stale':
      return `STALE     ${v.mutant.id}  ${v.reason}`;
    case 'not-run':
      return `NOT RUN   ${v.mutant.id}  ${v.reason}`;
  }
}

if (args.includes('--check')) {
  // read only, against the checkout as it is: is every mutant's text still there, once, and every suite?
  const stale = chosen.flatMap((m) => {
    const problem = staleness(root, m);
    return problem ? [`${m.id}: ${problem}`] : [];
  });
  console.log(stale.length === 0 ? `${chosen.length} mutants apply` : stale.join('\n'));
  process.exit(stale.length === 0 ? 0 : 1);
}
if (args.includes('--list')) {
  for (const m of chosen) console.log(`${m.id}  ${m.file}  [${m.suites.join(', ')}]${m.db ? ` on ${m.db}` : ''}\n    ${m.bug}`);
  process.exit(0);
}
if (chosen.length === 0) {
  console.error(`no mutant matches ${filters.join(', ')}`);
  process.exit(2);
}

const workspace = createWorkspace(root, { workingTree: args.includes('--working-tree') });
const stop = () => {
  workspace.dispose();
  process.exit(130);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
console.log(`${chosen.length} mutants in ${workspace.dir}${args.includes('--working-tree') ? ' (working tree)' : ' (HEAD)'}`);
const started = Date.now();
let verdicts: Verdict[];
try {
  verdicts = await runMutants(workspace.dir, chosen, {
    baseline(suite, passed, ms, tail) {
      console.log(`${passed ? 'baseline  ok  ' : 'baseline  FAIL'}  ${suite}  ${seconds(ms)}`);
      if (!passed) console.log(tail.split('\n').map((line) => `    ${line}`).join('\n'));
    },
    verdict(v) {
      console.log(describe(v));
      if (v.outcome === 'killed' && args.includes('--verbose')) console.log(failures(v.output));
    },
  });
} finally {
  workspace.dispose();
}

const result = score(verdicts);
const survivors = verdicts.filter((v) => v.outcome === 'survived');
const unusable = verdicts.filter((v) => v.outcome === 'stale' || v.outcome === 'not-run');
console.log(`\n${survivors.length} survived:`);
for (const v of survivors) console.log(`  ${v.mutant.id}: ${v.mutant.bug}`);
if (unusable.length > 0) console.log(`${unusable.length} stale or not run (fix the list or the suite):\n${unusable.map((v) => `  ${describe(v)}`).join('\n')}`);
console.log(`mutation score: ${result.killed}/${result.ran} killed (${result.percent}%) in ${seconds(Date.now() - started)}; floor ${SCORE_FLOOR_PERCENT}%`);
const full = filters.length === 0;
process.exit(unusable.length > 0 || (full && result.percent < SCORE_FLOOR_PERCENT) ? 1 : 0);
