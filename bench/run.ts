/**
 * `npm run bench [-- scenario ...] [--smoke] [--profile] [--markdown] [--out FILE]`
 *
 * Runs the scenarios (all by default: ingest e2e fanout memory flow studio postgres recovery line-faults analytics bot), prints a table
 * of figure, baseline, ratio, goal and whether it was met, and writes bench/results.json. Exits 1
 * when a scenario failed to run (not when a goal is missed: that is a finding, not a crash).
 *   --smoke     tiny sizes, seconds instead of minutes (what the test suite runs)
 *   --profile   engines run with --cpu-prof; profiles land in bench/profiles/
 *   --markdown  also print the table as Markdown (for docs/performance.md)
 */
import fs from 'node:fs';
import path from 'node:path';
import { runBench, SCENARIOS } from './bench.ts';
import { benchDir } from './lib/child-process.ts';
import { formatMarkdown, formatTable } from './lib/figures.ts';
import { FULL, SMOKE } from './lib/sizes.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1] ?? '') : path.join(benchDir, 'results.json');
const names = args.filter((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
const scenarios = names.length > 0 ? names : Object.keys(SCENARIOS);

const profileDir = path.join(benchDir, 'profiles');
const engineFlags = flag('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
if (flag('--profile')) fs.mkdirSync(profileDir, { recursive: true });

const results = await runBench({
  scenarios,
  sizes: flag('--smoke') ? SMOKE : FULL,
  sizesName: flag('--smoke') ? 'smoke' : 'full',
  engineFlags,
  log: (line) => console.log(line),
});

fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
const m = results.machine;
console.log(`\nBaton bench, ${results.sizes} sizes: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${results.node}; commit ${results.commit?.slice(0, 12) ?? 'unknown'}; ${results.durationSeconds} s\n`);
console.log(formatTable(results.figures));
if (flag('--markdown')) console.log(`\n${formatMarkdown(results.figures)}`);
for (const failure of results.failures) console.log(`\nscenario ${failure.scenario} FAILED: ${failure.error}`);
console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
process.exit(results.failures.length > 0 ? 1 : 0);
