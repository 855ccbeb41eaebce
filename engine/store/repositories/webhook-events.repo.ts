import type { Knex } from 'knex';
import { isPostgres } from '../database.ts';

export const WebhookEventStatus = {
  PENDING: 'pending',
  PROCESSING: 'processing',
  DONE: 'done',
  FAILED: 'failed',
} as const;
export type WebhookEventStatus = (typeof WebhookEventStatus)[keyof typeof WebhookEventStatus];

export interface WebhookEventRow {
  id: string;
  destination: string | null;
  type: string;
  mode: string | null;
  source_user_id: string | null;
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
>;

const INSERT_COLUMNS = ['id', 'destination', 'type', 'mode', 'source_user_id', 'event_timestamp', 'is_redelivery', 'raw', 'received_at'];
const insertStatements = new Map<number, string>();

/** `insert … on conflict do nothing returning id` for `rows` new events, pending (same text on SQLite and Postgres). */
function insertSql(rows: number): string {
  let sql = insertStatements.get(rows);
  if (sql === undefined) {
    const row = `(${INSERT_COLUMNS.map(() => '?').join(', ')}, '${WebhookEventStatus.PENDING}', 0)`;
    sql = `insert into webhook_events (${INSERT_COLUMNS.join(', ')}, status, attempts) values ${Array.from({ length: rows }, () => row).join(', ')} on conflict (id) do nothing returning id`;
    insertStatements.set(rows, sql);
  }
  return sql;
}

/**
 * Where a claim looks (as `e`, oldest first), and what the UPDATE checks again so that an event taken
 * meanwhile is not taken twice. Written as SQL: every loop claims after every batch, and an empty
 * claim cost 28 µs built by the query builder, 8 µs as written (SQLite's own part is about 1 µs).
 * Each lookup names `processed_at is null`, so the live partial indexes (migration 004) serve it.
 */
interface ClaimSource {
  candidates: string;
  bindings: Knex.RawBinding[];
  stillFree: string;
  stillFreeBindings: Knex.RawBinding[];
}

/** another live event of the same LINE user as `e`, in state `status` */
const sameCustomer = (status: WebhookEventStatus) =>
  `select 1 from webhook_events p where p.source_user_id = e.source_user_id and p.processed_at is null and p.id <> e.id and p.status = '${status}'`;

/**
 * Pending events at the head of their customer's line. Two lookups, each with the status as an
 * equality, so the index by customer goes straight to the customer's events in flight (as one OR it
 * walked every event the customer ever sent); the index by time gives the order, so the scan stops
 * at the first heads.
 */
const HEADS_OF_LINE: ClaimSource = {
  candidates: `from webhook_events e
    where e.status = '${WebhookEventStatus.PENDING}' and e.processed_at is null
      and not exists (${sameCustomer(WebhookEventStatus.PROCESSING)})
      and not exists (${sameCustomer(WebhookEventStatus.PENDING)}
        and (p.event_timestamp < e.event_timestamp or (p.event_timestamp = e.event_timestamp
          and (p.received_at < e.received_at or (p.received_at = e.received_at and p.id < e.id)))))
    order by e.event_timestamp`,
  bindings: [],
  stillFree: `status = '${WebhookEventStatus.PENDING}'`,
  stillFreeBindings: [],
};

/** Events whose engine died mid-way (lease expired), unless another event of the customer is live. */
function abandoned(now: number): ClaimSource {
  return {
    candidates: `from webhook_events e
      where e.status = '${WebhookEventStatus.PROCESSING}' and e.processed_at is null and e.locked_until < ?
        and not exists (${sameCustomer(WebhookEventStatus.PROCESSING)} and p.locked_until >= ?)
      order by e.event_timestamp`,
    bindings: [now, now],
    stillFree: `status = '${WebhookEventStatus.PROCESSING}' and locked_until < ?`,
    stillFreeBindings: [now],
  };
}

const CLAIM = 'update webhook_events set status = ?, locked_by = ?, locked_until = ?, attempts = attempts + 1';

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
      bindings.push(e.id, e.destination, e.type, e.mode, e.source_user_id, e.event_timestamp, e.is_redelivery, e.raw, e.received_at);
    }
    const result: unknown = await this.db.raw(insertSql(events.length), bindings);
    const inserted = (isPostgres(this.db) ? (result as { rows: { id: string }[] }).rows : result) as { id: string }[];
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
   * Postgres claims with FOR UPDATE SKIP LOCKED, so engines never wait on each other's candidates;
   * SQLite (one engine) re-checks each candidate's state in the UPDATE instead. Oldest first.
   * `takeOver: false` skips looking for abandoned events (a query of its own; leases last seconds, so
   * a caller that claims often need not look every time).
   */
  async claimBatch(workerId: string, now: number, leaseMs: number, limit: number, takeOver = true): Promise<WebhookEventRow[]> {
    const claimed: WebhookEventRow[] = [];
    const sources: ClaimSource[] = takeOver ? [abandoned(now), HEADS_OF_LINE] : [HEADS_OF_LINE];
    for (const source of sources) {
      const wanted = limit - claimed.length;
      if (wanted <= 0) break;
      const claim = [WebhookEventStatus.PROCESSING, workerId, now + leaseMs];
      if (isPostgres(this.db)) {
        // picked in a CTE, which runs once: as `id IN (subquery)` the planner may run the subquery
        // again while updating and claim more (or other) rows than the limit
        const result = (await this.db.raw(
          `with picked as (select e.id ${source.candidates} limit ${wanted} for update skip locked) ${CLAIM} where id in (select id from picked) and ${source.stillFree} returning *`,
          [...source.bindings, ...claim, ...source.stillFreeBindings],
        )) as { rows: WebhookEventRow[] };
        claimed.push(...result.rows);
      } else {
        const ids = ((await this.db.raw(`select e.id ${source.candidates} limit ${wanted}`, source.bindings)) as { id: string }[]).map((row) => row.id);
        if (ids.length === 0) continue;
        const rows = (await this.db.raw(`${CLAIM} where id in (${ids.map(() => '?').join(', ')}) and ${source.stillFree} returning *`, [
          ...claim,
          ...ids,
          ...source.stillFreeBindings,
        ])) as WebhookEventRow[];
        claimed.push(...rows);
      }
    }
    return claimed.sort(byTimestamp);
  }

  /** Marks events done; false when any of them is no longer held by this worker (its lease was taken over). */
  async markDone(ids: readonly string[], workerId: string, now: number): Promise<boolean> {
    if (ids.length === 0) return true;
    const changed = await this.db('webhook_events')
      .whereIn('id', ids)
      .where({ locked_by: workerId, status: WebhookEventStatus.PROCESSING })
      .update({ status: WebhookEventStatus.DONE, processed_at: now, locked_by: null, locked_until: null });
    return changed === new Set(ids).size;
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

  /** Deletes up to `limit` events finished before `cutoff`; returns how many went. */
  async deleteDoneBefore(cutoff: number, limit: number): Promise<number> {
    const ids = this.db('webhook_events')
      .select('id')
      .where('status', WebhookEventStatus.DONE)
      .whereNotNull('processed_at')
      .where('processed_at', '<', cutoff)
      .limit(limit);
    return this.db('webhook_events').whereIn('id', ids).delete();
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db('webhook_events').select('status').count<{ status: string; n: number | string }[]>({ n: '*' }).groupBy('status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
