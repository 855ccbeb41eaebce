/**
 * Scenario 10: the analytics rollup (docs/metrics.md) on SQLite. A history of conversations spread over
 * the days before "now", each with its events and messages, then the rollup of one day and of every
 * day, timed, with the process's peak resident memory, beside a plain `SELECT count(*)` over the same
 * conversations table in the same run: the cheapest question the database can answer about them.
 * In-process: the rollup is the engine's own code on a store of its own.
 */
import { performance } from 'node:perf_hooks';
import { addDays, isoDate } from '../../engine/domain/calendar/civil-date.ts';
import { ulid } from '../../engine/domain/ids/ulid.ts';
import { DaySource } from '../../engine/services/analytics/day-source.ts';
import { RollupService } from '../../engine/services/analytics/rollup.service.ts';
import { closeDatabase, openDatabase } from '../../engine/store/database.ts';
import { createStore } from '../../engine/store/store.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';
import { MemorySampler } from '../lib/memory.ts';
import type { ScenarioContext } from '../lib/scenario.ts';

const DAY_MS = 86_400_000;
const TEAMS = ['sales', 'support', 'billing'];
const OPERATORS = 20;
/** 00:00 UTC of the day after the history: every day of it is finished */
const FIRST_DAY = { year: 2026, month: 1, day: 1 };

/** a deterministic spread, so every run measures the same data */
function spread(seed: number, range: number): number {
  return Math.floor(((Math.sin(seed * 12.9898) * 43758.5453) % 1 + 1) % 1 * range);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function analytics(ctx: ScenarioContext): Promise<void> {
  const { conversations, days } = ctx.sizes.analytics;
  const database = await createBenchDatabase('sqlite');
  const db = await openDatabase({ client: 'sqlite', connection: database.url.slice('sqlite:'.length), poolMax: 1 });
  try {
    const start = Date.UTC(FIRST_DAY.year, FIRST_DAY.month - 1, FIRST_DAY.day);
    const operatorIds = Array.from({ length: OPERATORS }, (_, i) => `op-${i}`);
    await db.batchInsert('operators', operatorIds.map((id) => ({ id, email: `${id}@bench`, name: id, role: 'operator', password_hash: 'x', created_at: start })), 500);
    const customers = Math.ceil(conversations / 3);
    await db.batchInsert('customers', Array.from({ length: customers }, (_, i) => ({ id: `c-${i}`, line_user_id: `U${i}`, created_at: start, updated_at: start })), 500);
    let messageCount = 0;
    const CHUNK = 2_000;
    for (let first = 0; first < conversations; first += CHUNK) {
      const rows: Record<string, unknown>[] = [];
      const events: Record<string, unknown>[] = [];
      const messages: Record<string, unknown>[] = [];
      for (let i = first; i < Math.min(conversations, first + CHUNK); i++) {
        const id = ulid();
        // in time order, as a live system writes them (rows of one day sit together on disk)
        const created = start + Math.floor((i * days * DAY_MS) / conversations) + spread(i, 60_000);
        const claimed = created + 10_000 + spread(i + 1, 600_000);
        const answered = claimed + 30_000;
        const closed = answered + 300_000 + spread(i + 2, 3_600_000);
        const operator = operatorIds[i % OPERATORS] ?? null;
        const team = TEAMS[i % TEAMS.length] ?? null;
        const customer = `c-${i % customers}`;
        const rated = i % 5 < 3;
        rows.push({ id, customer_id: customer, status: 'CLOSED', team, operator_id: operator, created_at: created, claimed_at: claimed, first_response_at: answered, closed_at: closed, csat: rated ? 1 + (i % 5) : null, updated_at: closed });
        events.push(
          { conversation_id: id, kind: 'queued', operator_id: null, team, at: created },
          { conversation_id: id, kind: 'claimed', operator_id: operator, team, at: claimed },
          { conversation_id: id, kind: 'closed', operator_id: operator, team, at: closed },
          ...(rated ? [{ conversation_id: id, kind: 'survey_sent', operator_id: operator, team, at: closed }] : []),
        );
        const message = (direction: 'in' | 'out', at: number, via: 'reply' | 'push' | null) => ({
          customer_id: customer, conversation_id: id, direction, sender_kind: direction === 'in' ? 'customer' : 'operator', operator_id: direction === 'in' ? null : operator,
          type: 'text', text: 'hello', payload: '{}', delivery_status: direction === 'in' ? 'received' : 'sent', sent_via: via, created_at: at, sent_at: via ? at : null,
        });
        messages.push(message('in', created, null), message('out', answered, 'reply'), message('in', answered + 20_000, null), message('out', answered + 60_000, 'push'));
      }
      await db.transaction(async (trx) => {
        // SQLite takes at most 500 rows in one multi-row INSERT
        await trx.batchInsert('conversations', rows, 400);
        await trx.batchInsert('conversation_events', events, 400);
        await trx.batchInsert('messages', messages, 400);
      });
      messageCount += messages.length;
    }
    ctx.log(`  ${conversations} conversations, ${messageCount} messages over ${days} days`);

    const countTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await db('conversations').count({ n: '*' });
      countTimes.push(performance.now() - t0);
    }
    const countMs = median(countTimes);
    const store = createStore(db);
    const source = new DaySource(store, async () => new Map(), { timezone: 'UTC', calendarId: null, cronTimezone: null, fcrWindowHours: 24 });
    const rollup = new RollupService(store, source, () => start + (days + 1) * DAY_MS);
    const sampler = new MemorySampler();
    const timed = async (from: string, to: string) => {
      const rssBefore = process.memoryUsage.rss();
      sampler.takePeak();
      sampler.start(10);
      const t0 = performance.now();
      const result = await rollup.rollup({ from, to });
      const ms = performance.now() - t0;
      const peak = sampler.takePeak();
      sampler.stop();
      return { ms, result, peakMiB: peak / 2 ** 20, growthMiB: Math.max(0, peak - rssBefore) / 2 ** 20 };
    };
    const middle = isoDate(addDays(FIRST_DAY, Math.floor(days / 2)));
    // the floor of any computation from the raw tables: walking the day's messages in an index, reading no row
    const middleStart = start + Math.floor(days / 2) * DAY_MS;
    const floorTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await db('messages').where('created_at', '>=', middleStart).where('created_at', '<', middleStart + DAY_MS).count({ n: '*' });
      floorTimes.push(performance.now() - t0);
    }
    const one = await timed(middle, middle);
    const all = await timed(isoDate(FIRST_DAY), isoDate(addDays(FIRST_DAY, days - 1)));
    const baseline = { name: `SELECT count(*) over the ${conversations} conversations`, value: countMs };
    const perDay = Math.round(conversations / days);
    ctx.figure({ name: `analytics rollup of 1 day (~${perDay} conversations, ${one.result.rows} rows), SQLite: ms`, unit: 'ms', value: one.ms, baseline, goal: { text: '< 5x count(*)', max: 5 * countMs } });
    ctx.figure({ name: `count(*) of one day's messages from their index (the floor of reading a day), SQLite: ms`, unit: 'ms', value: median(floorTimes), baseline });
    ctx.figure({ name: `analytics rollup of ${days} days (${conversations} conversations, ${all.result.rows} rows), SQLite: ms`, unit: 'ms', value: all.ms, baseline, goal: { text: '< 5x count(*)', max: 5 * countMs } });
    ctx.figure({ name: `analytics rollup of ${days} days: peak RSS (process), MiB`, unit: 'MiB', value: all.peakMiB, note: `grew ${all.growthMiB.toFixed(1)} MiB during the rollup; one day at a time is in memory` });
  } finally {
    await closeDatabase(db);
    await database.drop();
  }
}
