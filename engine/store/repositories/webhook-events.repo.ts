import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';
import { rawRows } from '../raw-rows.ts';
import type { DeadHolders } from './engines.repo.ts';

export const WebhookEventStatus = {
  PENDING: 'pending',
  PROCESSING: 'processing',
  DONE: 'done',
  FAILED: 'failed',
  /** never run: malformed, hostile or too old (the reason is in last_error) */
  IGNORED: 'ignored',
} as const;
export type WebhookEventStatus = (typeof WebhookEventStatus)[keyof typeof WebhookEventStatus];

export interface WebhookEventRow {
  id: string;
  destination: string | null;
  type: string;
  mode: string | null;
  source_user_id: string | null;
  /** the LINE channel whose webhook URL it came to (migration 018) */
  channel_id: string;
  event_timestamp: number;
  is_redelivery: boolean | number;
  raw: string;
  status: WebhookEventStatus;
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: number | null;
  received_at: number;
  processed_at: number | null;
}

export type NewWebhookEvent = Pick<
  WebhookEventRow,
  'id' | 'destination' | 'type' | 'mode' | 'source_user_id' | 'event_timestamp' | 'is_redelivery' | 'raw' | 'received_at'
> & {
  /** default: the default channel */
  channel_id?: string;
  /** why the event is stored as ignored (finished at once, never run); absent: pending */
  ignored?: string;
};

const INSERT_COLUMNS = ['id', 'destination', 'type', 'mode', 'source_user_id', 'channel_id', 'event_timestamp', 'is_redelivery', 'raw', 'received_at', 'status', 'last_error', 'processed_at'];
const insertStatements = new Map<number, string>();

/** `insert … on conflict do nothing returning id` for `rows` new events (same text on SQLite and Postgres). */
function insertSql(rows: number): string {
  let sql = insertStatements.get(rows);
  if (sql === undefined) {
    const row = `(${INSERT_COLUMNS.map(() => '?').join(', ')}, 0)`;
    sql = `insert into webhook_events (${INSERT_COLUMNS.join(', ')}, attempts) values ${Array.from({ length: rows }, () => row).join(', ')} on conflict (id) do nothing returning id`;
    insertStatements.set(rows, sql);
  }
  return sql;
}

/**
 * How events are claimed, written as SQL: every loop claims after every batch, and an empty claim cost
 * 28 µs built by the query builder, 8 µs as written (SQLite's own part is about 1 µs). Each lookup
 * names the condition of the partial index that serves it (migration 004) as written.
 */
const CLAIM = 'update webhook_events set status = ?, locked_by = ?, locked_until = ?, attempts = attempts + 1';

/** an event of the same LINE user as `e` being processed (the index of processing events by customer) */
const PROCESSING_FOR_SAME_CUSTOMER = `select 1 from webhook_events p where p.source_user_id = e.source_user_id and p.status = '${WebhookEventStatus.PROCESSING}'`;

/** LINE timestamp order, events stamped alike in the order they arrived (columns of `table`) */
const lineOrder = (table: string) => `${table}.event_timestamp, ${table}.received_at, ${table}.id`;

/**
 * Pending events of customers with nothing processing, in LINE order (as `e`). Read from the oldest,
 * the first event of each customer is the head of that customer's line: everything older was read
 * too. Pending events are not indexed by customer (an index page written at random for every stored
 * event was half of SQLite's cost of ingesting one), so this is how heads are found.
 */
const UNBLOCKED_PENDING = `from webhook_events e
  where e.status = '${WebhookEventStatus.PENDING}' and e.processed_at is null
    and not exists (${PROCESSING_FOR_SAME_CUSTOMER})`;

/** oldest unblocked pending events read to find heads: enough unless a few customers have many events queued */
const headsScan = (wanted: number) => Math.max(200, wanted * 8);

/**
 * The heads of line among every pending event, for when the oldest `headsScan` all belonged to a few
 * customers: each customer's first by a window over the whole queue. Its cost grows with the queue, so
 * only thorough claims use it: under a flood from a few customers, the others are looked for once per
 * idle poll rather than on every claim.
 */
const headsOverWholeQueue = (wanted: number) => `select id, source_user_id from (
    select e.id, e.source_user_id, e.event_timestamp, e.received_at,
      row_number() over (partition by e.source_user_id order by ${lineOrder('e')}) as place
    ${UNBLOCKED_PENDING}
  ) h where h.place = 1 or h.source_user_id is null
  order by ${lineOrder('h')} limit ${wanted}`;

/** Events whose engine died mid-way (lease expired), unless another event of the customer is being processed (as `e`). */
const ABANDONED = `from webhook_events e
  where e.status = '${WebhookEventStatus.PROCESSING}' and e.processed_at is null and e.locked_until < ?
    and not exists (${PROCESSING_FOR_SAME_CUSTOMER} and p.id <> e.id and p.locked_until >= ?)
  order by e.event_timestamp`;

/** the first event of each customer among `rows` (in LINE order), at most `wanted`; events without a user have no line */
function firstOfEachCustomer(rows: { id: string; source_user_id: string | null }[], wanted: number): string[] {
  const customers = new Set<string>();
  const heads: string[] = [];
  for (const row of rows) {
    if (heads.length === wanted) break;
    if (row.source_user_id !== null) {
      if (customers.has(row.source_user_id)) continue;
      customers.add(row.source_user_id);
    }
    heads.push(row.id);
  }
  return heads;
}

/** LINE timestamp order; events stamped alike in the order they arrived */
function byTimestamp(a: WebhookEventRow, b: WebhookEventRow): number {
  return a.event_timestamp - b.event_timestamp || a.received_at - b.received_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class WebhookEventsRepo {
  constructor(private readonly db: Knex) {}

  /** Stores events; an id already stored is ignored. Returns how many were new. */
  async insertNew(events: NewWebhookEvent[]): Promise<number> {
    return (await this.insertNewIds(events)).size;
  }

  /** Like insertNew, but names the events that were new (webhook ingest batches several requests into one INSERT). */
  async insertNewIds(events: readonly NewWebhookEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    // every webhook goes through here: the SQL is written once per row count instead of built by the
    // query builder each time (building a one-row insert took about 23 µs, half what SQLite took to store it)
    const bindings: Knex.RawBinding[] = [];
    for (const e of events) {
      bindings.push(e.id, e.destination, e.type, e.mode, e.source_user_id, e.channel_id ?? 'default', e.event_timestamp, e.is_redelivery, e.raw, e.received_at);
      // an ignored event is finished when stored: out of the live indexes, and aged out by retention like a done one
      if (e.ignored === undefined) bindings.push(WebhookEventStatus.PENDING, null, null);
      else bindings.push(WebhookEventStatus.IGNORED, e.ignored, e.received_at);
    }
    const inserted = await rawRows<{ id: string }>(this.db, insertSql(events.length), bindings);
    return new Set(inserted.map((row) => row.id));
  }

  findById(id: string): Promise<WebhookEventRow | undefined> {
    return this.db<WebhookEventRow>('webhook_events').where({ id }).first();
  }

  /**
   * Claims up to `limit` events to handle, at most one per customer, so that each customer's events go
   * one at a time and in timestamp order across engines: first events whose engine died (processing,
   * lease expired), then the oldest pending events at the head of their customer's line. A pending
   * event waits while any event of the same LINE user is processing, or an earlier one is pending.
   * Candidates are chosen in one statement, then claimed by an UPDATE that takes only those still
   * free, so a candidate another loop or engine took meanwhile is left to it; only heads are ever
   * candidates, so a customer's later event is never taken past an earlier one. Oldest first.
   * `thorough: false` skips the two lookups whose cost grows with the queue: events abandoned by a
   * dead engine, and heads of line past the oldest pending events when those all belong to a few
   * customers. Leases last seconds, and a claim that is not thorough still takes every head among the
   * oldest, so a caller that claims often need only be thorough now and then (the event processor:
   * once per idle poll).
   */
  async claimBatch(workerId: string, now: number, leaseMs: number, limit: number, thorough = true): Promise<WebhookEventRow[]> {
    const claim = [WebhookEventStatus.PROCESSING, workerId, now + leaseMs];
    const claimed: WebhookEventRow[] = [];
    if (thorough) {
      const ids = (await rawRows<{ id: string }>(this.db, `select e.id ${ABANDONED} limit ${limit}`, [now, now])).map((row) => row.id);
      claimed.push(...(await this.claimIds(ids, `status = '${WebhookEventStatus.PROCESSING}' and locked_until < ?`, claim, [now])));
    }
    const wanted = limit - claimed.length;
    if (wanted <= 0) return claimed.sort(byTimestamp);
    const scan = headsScan(wanted);
    const oldest = await rawRows<{ id: string; source_user_id: string | null }>(
      this.db,
      `select e.id, e.source_user_id ${UNBLOCKED_PENDING} order by ${lineOrder('e')} limit ${scan}`,
      [],
    );
    let heads = firstOfEachCustomer(oldest, wanted);
    if (thorough && heads.length < wanted && oldest.length === scan) heads = firstOfEachCustomer(await rawRows(this.db, headsOverWholeQueue(wanted), []), wanted);
    // still pending at the moment of the update: another loop or engine may have taken one meanwhile
    claimed.push(...(await this.claimIds(heads, `status = '${WebhookEventStatus.PENDING}'`, claim, [])));
    return claimed.sort(byTimestamp);
  }

  /**
   * Claims those of `ids` that are still free (`stillFree`). Postgres locks them first with SKIP
   * LOCKED, in a CTE that runs once, so engines never wait on each other's candidates.
   */
  private async claimIds(ids: string[], stillFree: string, claim: Knex.RawBinding[], stillFreeBindings: Knex.RawBinding[]): Promise<WebhookEventRow[]> {
    if (ids.length === 0) return [];
    const list = ids.map(() => '?').join(', ');
    if (isPostgres(this.db)) {
      return rawRows(
        this.db,
        `with picked as (select id from webhook_events where id in (${list}) and ${stillFree} for update skip locked) ${CLAIM} where id in (select id from picked) returning *`,
        [...ids, ...stillFreeBindings, ...claim],
      );
    }
    return rawRows(this.db, `${CLAIM} where id in (${list}) and ${stillFree} returning *`, [...claim, ...ids, ...stillFreeBindings]);
  }


  /** Marks events done; false when any of them is no longer held by this worker (its lease was taken over). */
  async markDone(ids: readonly string[], workerId: string, now: number): Promise<boolean> {
    if (ids.length === 0) return true;
    // written as SQL: one per batch of events, and the query builder cost more than the update
    const unique = [...new Set(ids)];
    const changed = (await rawRows<{ id: string }>(
      this.db,
      `update webhook_events set status = ?, processed_at = ?, locked_by = null, locked_until = null
       where id in (${unique.map(() => '?').join(', ')}) and locked_by = ? and status = ? returning id`,
      [WebhookEventStatus.DONE, now, ...unique, workerId, WebhookEventStatus.PROCESSING],
    )).length;
    return changed === unique.length;
  }

  /** Stores that an event this worker holds will never run (malformed), with the reason: no retry. */
  async markIgnored(id: string, workerId: string, reason: string, now: number): Promise<void> {
    await this.db('webhook_events')
      .where({ id, locked_by: workerId, status: WebhookEventStatus.PROCESSING })
      .update({ status: WebhookEventStatus.IGNORED, last_error: reason.slice(0, 1000), processed_at: now, locked_by: null, locked_until: null });
  }

  /** Releases a failed attempt: back to pending for a retry, or failed for good after maxAttempts. */
  async markAttemptFailed(id: string, workerId: string, error: string, maxAttempts: number): Promise<void> {
    const row = await this.findById(id);
    if (!row || row.locked_by !== workerId) return;
    await this.db('webhook_events')
      .where({ id })
      .update({
        status: row.attempts >= maxAttempts ? WebhookEventStatus.FAILED : WebhookEventStatus.PENDING,
        last_error: error.slice(0, 1000),
        locked_by: null,
        locked_until: null,
      });
  }

  /** How many events this worker holds right now. */
  async countHeldBy(workerId: string): Promise<number> {
    const row = await this.db('webhook_events').where({ locked_by: workerId, status: WebhookEventStatus.PROCESSING }).whereNull('processed_at').count<{ n: number | string }[]>({ n: '*' });
    return Number(row[0]?.n ?? 0);
  }

  /** Hands back events this worker holds (graceful shutdown). */
  async release(workerId: string): Promise<void> {
    await this.db('webhook_events')
      .where({ locked_by: workerId, status: WebhookEventStatus.PROCESSING })
      .whereNull('processed_at')
      .update({ status: WebhookEventStatus.PENDING, locked_by: null, locked_until: null });
  }

  /**
   * Takes over the events a dead engine was handling (no waiting for their leases): back to pending,
   * where the next claim anywhere takes each again as the head of its customer's line; or failed, once
   * claimed `maxAttempts` times, so that an event which kills every engine handling it (memory, a
   * crash) does not take a cluster down one engine after another, each within seconds.
   */
  async takeOverFrom(dead: DeadHolders, maxAttempts: number): Promise<{ released: number; failed: number }> {
    const held = () => {
      const query = this.db('webhook_events').where({ status: WebhookEventStatus.PROCESSING }).whereNull('processed_at');
      return 'holder' in dead ? query.where({ locked_by: dead.holder }) : query.whereNot({ locked_by: dead.allBut });
    };
    const failed = await held()
      .where('attempts', '>=', maxAttempts)
      .update({ status: WebhookEventStatus.FAILED, last_error: `its engine stopped while handling it, ${maxAttempts} times`, locked_by: null, locked_until: null });
    const released = await held().update({ status: WebhookEventStatus.PENDING, locked_by: null, locked_until: null });
    return { released, failed };
  }

  /** Deletes up to `limit` events finished (done or ignored) before `cutoff`; returns how many went. */
  async deleteDoneBefore(cutoff: number, limit: number): Promise<number> {
    const ids = this.db('webhook_events')
      .select('id')
      .whereIn('status', [WebhookEventStatus.DONE, WebhookEventStatus.IGNORED])
      .whereNotNull('processed_at')
      .where('processed_at', '<', cutoff)
      .limit(limit);
    return this.db('webhook_events').whereIn('id', ids).delete();
  }

  /** How many events are in each state (pending, processing, done, failed, ignored); states with none are left out. */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db('webhook_events').select('status').count<{ status: string; n: number | string }[]>({ n: '*' }).groupBy('status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
