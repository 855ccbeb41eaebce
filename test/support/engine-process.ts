/**
 * One engine as its own process, for the cluster tests: configured by its environment like
 * `npm start`, it prints `BATON_READY {"url":…}` once listening and stops gracefully on SIGTERM.
 * Logs (pino JSON) go to stdout, where the test reads them.
 */
import path from 'node:path';
import { startBaton } from '../../engine/baton.ts';
import { loadConfig } from '../../engine/config.ts';
import { createLogger } from '../../engine/logger.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const config = loadConfig(process.env, repoRoot);
const baton = await startBaton({ config, logger: createLogger(config.logLevel) });
process.stdout.write(`BATON_READY ${JSON.stringify({ url: baton.url, instanceId: baton.instanceId })}\n`);

process.on('SIGTERM', () => {
  baton.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
});

// the test process went away (killed by the runner's time limit, say): do not linger as an orphan
process.on('disconnect', () => process.exit(1));
