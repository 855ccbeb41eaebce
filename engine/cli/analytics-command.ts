/**
 * `baton analytics rollup --from YYYY-MM-DD --to YYYY-MM-DD`: rolls up (or rolls up again) the days of a
 * range against the database in DATABASE_URL, as the nightly job does: a backfill after an upgrade, or
 * after changing BATON_ANALYTICS_TIMEZONE or the calendar. Safe beside running engines: each day is
 * replaced in one transaction, and rerunning a day gives the same rows.
 */
import { parseArgs } from 'node:util';
import { builtInStepKinds, stepKindSchemas } from '../../plugins/built-in-plugins.ts';
import { loadConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { DaySource } from '../services/analytics/day-source.ts';
import { RollupService } from '../services/analytics/rollup.service.ts';
import { FlowRegistry } from '../services/flows/flow-registry.ts';
import { openDatabase } from '../store/database.ts';
import { createStore } from '../store/store.ts';

const usage = 'usage: baton analytics rollup --from YYYY-MM-DD --to YYYY-MM-DD   (days in the business time zone, before today)';

export async function runAnalyticsCommand(args: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rollup') {
    err.write(`${sub === undefined ? '' : `baton analytics: unknown command "${sub}"\n`}${usage}\n`);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true, allowPositionals: false });
    if (values.from === undefined || values.to === undefined) throw new UserError(400, 'usage', 'rollup needs --from and --to');
    const range = { from: values.from, to: values.to };
    const config = loadConfig();
    const store = createStore(await openDatabase(config.database));
    try {
      const flows = new FlowRegistry(store, createLogger('silent'), Date.now, { pluginStepKinds: stepKindSchemas(builtInStepKinds) });
      const calendars = async () => {
        const active = await store.flowVersions.active();
        return active ? (await flows.version(active.version)).calendars : new Map();
      };
      const source = new DaySource(store, calendars, { ...config.analytics, calendarId: config.analytics.calendar, cronTimezone: config.cron.timezone });
      const result = await new RollupService(store, source, Date.now).rollup(range);
      out.write(`rolled up ${result.days} day(s), ${result.rows} row(s), ${range.from} to ${range.to} (${source.timezone()})\n`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof UserError) {
      err.write(`baton analytics: ${error.message}\n${error.code === 'usage' ? `${usage}\n` : ''}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err.write(`baton analytics: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}
