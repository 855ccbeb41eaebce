/** `npm start`: read the config, start Baton, say where it is, stop cleanly on SIGINT / SIGTERM. */
import { startBaton } from './baton.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { FlowValidationError } from './services/flows/flow-registry.ts';

/** Longest a graceful stop may take after the grace period before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const baton = await startBaton({ config, logger });

  const lines = [
    '',
    `  Baton is running: ${config.publicUrl}`,
    `  Studio: ${config.publicUrl}/  (flows version ${baton.flowVersion})`,
    `  LINE webhook URL: ${config.publicUrl}/webhooks/line`,
    `  Database: ${config.database.client}${config.database.client === 'sqlite' ? ` (${config.database.connection})` : ''}`,
    `  Redis: ${config.redisUrl ? 'shared with other engines (scale-out)' : 'not configured (single instance)'}`,
    baton.sandbox
      ? `  Sandbox LINE: no LINE credentials set; sign in, then chat as a customer at ${config.publicUrl}/#/simulator`
      : '  LINE: using LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN',
  ];
  if (baton.sandbox && process.env.HOST === undefined) {
    lines.push(`  Listening on ${config.host} only (sandbox mode): set HOST=0.0.0.0 to let other machines in`);
  }
  if (baton.firstAdmin) {
    lines.push(`  First admin created: ${baton.firstAdmin.email}`);
    if (baton.firstAdmin.generatedPassword) {
      // shown once, here only: it is stored hashed and cannot be shown again
      lines.push(`  Password (shown once; you choose your own at the first sign-in): ${baton.firstAdmin.generatedPassword}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // a stuck close (a LINE call or a database that never answers) must not keep the process around:
    // anything unfinished is still claimed under a lease and is taken over by another engine
    setTimeout(() => {
      logger.error({ afterMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS + config.shutdownGraceMs).unref();
    baton.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FlowValidationError) {
    process.stderr.write(`Baton cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Baton cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
