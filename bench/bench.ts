/**
 * Runs the chosen scenarios in order and collects their figures with the machine, Node version and
 * commit. bench/run.ts is the command line around it; the smoke test calls it with tiny sizes.
 */
import { repoRoot } from './lib/child-process.ts';
import { FigureSink, type Figure } from './lib/figures.ts';
import { commitId, machineInfo, type MachineInfo } from './lib/machine.ts';
import type { Scenario } from './lib/scenario.ts';
import type { BenchSizes } from './lib/sizes.ts';
import { e2e } from './scenarios/e2e.ts';
import { fanout } from './scenarios/fanout.ts';
import { flow } from './scenarios/flow.ts';
import { ingest } from './scenarios/ingest.ts';
import { memory } from './scenarios/memory.ts';
import { postgres } from './scenarios/postgres.ts';
import { recovery } from './scenarios/recovery.ts';
import { lineFaults } from './scenarios/line-faults.ts';
import { studio } from './scenarios/studio.ts';
import { analytics } from './scenarios/analytics.ts';
import { bot } from './scenarios/bot.ts';

/** in the order `npm run bench` runs them */
export const SCENARIOS: Record<string, { title: string; run: Scenario }> = {
  ingest: { title: '1 webhook ingest', run: ingest },
  e2e: { title: '2 end to end: webhook -> message:new', run: e2e },
  fanout: { title: '3 fan-out to operator sockets', run: fanout },
  memory: { title: '4 memory', run: memory },
  flow: { title: '5 flow evaluation', run: flow },
  studio: { title: '6 studio bundle size', run: studio },
  postgres: { title: '7 ingest and end to end on Postgres', run: postgres },
  recovery: { title: '8 recovery: restart, takeover, shutdown while LINE hangs', run: recovery },
  'line-faults': { title: '9 LINE hangs, and LINE back', run: lineFaults },
  analytics: { title: '10 analytics rollup beside SELECT count(*)', run: analytics },
  bot: { title: '11 bot path: webhook -> flow -> reply, beside the SDK echo bot', run: bot },
};

export interface BenchResults {
  machine: MachineInfo;
  node: string;
  commit: string | null;
  startedAt: string;
  durationSeconds: number;
  sizes: 'full' | 'smoke';
  scenarios: string[];
  /** scenarios that threw, with the message: their figures are missing */
  failures: { scenario: string; error: string }[];
  figures: Figure[];
}

export interface BenchOptions {
  scenarios: string[];
  sizes: BenchSizes;
  sizesName: 'full' | 'smoke';
  engineFlags?: string[];
  log?: (line: string) => void;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const unknown = options.scenarios.filter((name) => !SCENARIOS[name]);
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
  const sink = new FigureSink(log, options.sizesName === 'full');
  const failures: BenchResults['failures'] = [];
  const started = Date.now();
  for (const name of options.scenarios) {
    const scenario = SCENARIOS[name];
    if (!scenario) continue;
    const t0 = Date.now();
    log(`${scenario.title} ...`);
    try {
      await scenario.run({ sizes: options.sizes, figure: sink.scenario(name), log, engineFlags: options.engineFlags ?? [] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ scenario: name, error: message });
      log(`  FAILED: ${message}`);
    }
    log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return {
    machine: machineInfo(),
    node: process.version,
    commit: commitId(repoRoot),
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    sizes: options.sizesName,
    scenarios: options.scenarios,
    failures,
    figures: sink.figures,
  };
}
