/** Runs one uvu suite in the workspace, as `npm test` does: its own Node process, on one database. */
import { spawn } from 'node:child_process';

export interface SuiteRun {
  passed: boolean;
  timedOut: boolean;
  ms: number;
  /** the end of the suite's output, to show why a baseline run failed */
  tail: string;
}

/** Well above the slowest suite a mutant names (about 6 s): a mutant that makes a suite hang is killed. */
export const SUITE_TIMEOUT_MS = 120_000;

/** uvu's closing summary: every test ran and passed (a suite that dies early prints none). */
function allPassed(output: string): boolean {
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? NaN);
  const total = count('Total');
  return total > 0 && total === count('Passed');
}

export function runSuite(dir: string, suite: string, db: 'sqlite' | 'postgres'): Promise<SuiteRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', suite], {
      cwd: dir,
      env: { ...process.env, BATON_TEST_DB: db, LOG_LEVEL: 'silent', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, SUITE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ passed: code === 0 && !timedOut && allPassed(output), timedOut, ms: Date.now() - started, tail: output });
    });
  });
}
