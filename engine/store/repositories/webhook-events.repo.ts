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
    // query builder each time (compiling an 11-column insert cost more than SQLite storing the row)
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
    const claim = { status: WebhookEventStatus.PROCESSING, locked_by: workerId, locked_until: now + leaseMs, attempts: this.db.raw('attempts + 1') };
    const claimed: WebhookEventRow[] = [];
    type Source = [candidates: Knex.QueryBuilder, stillFree: (q: Knex.QueryBuilder) => Knex.QueryBuilder];
    const sources: Source[] = [
      ...(takeOver ? [[this.abandoned(now), (q) => q.where('status', WebhookEventStatus.PROCESSING).where('locked_until', '<', now)] satisfies Source] : []),
      [this.headsOfLine(), (q) => q.where('status', WebhookEventStatus.PENDING)],
    ];
    for (const [candidates, stillFree] of sources) {
      const wanted = limit - claimed.length;
      if (wanted <= 0) break;
      let target: Knex.QueryBuilder;
      if (isPostgres(this.db)) {
        // picked in a CTE, which runs once: as `id IN (subquery)` the planner may run the subquery
        // again while updating and claim more (or other) rows than the limit
        const picked = candidates.select('e.id').limit(wanted).forUpdate().skipLocked();
        target = this.db.with('picked', picked).from('webhook_events').whereIn('id', this.db('picked').select('id'));
      } else {
        const ids = ((await candidates.select('e.id').limit(wanted)) as { id: string }[]).map((row) => row.id);
        if (ids.length === 0) continue;
        target = this.db('webhook_events').whereIn('id', ids);
      }
      claimed.push(...((await stillFree(target).update(claim).returning('*')) as WebhookEventRow[]));
    }
    return claimed.sort(byTimestamp);
  }

  /** Events whose engine died mid-way (as `e`), unless another event of the customer is live. */
  private abandoned(now: number): Knex.QueryBuilder {
    return this.db({ e: 'webhook_events' })
      .where('e.status', WebhookEventStatus.PROCESSING)
      .whereNull('e.processed_at')
      .where('e.locked_until', '<', now)
      .whereNotExists(
        this.sameCustomer()
          .where('p.status', WebhookEventStatus.PROCESSING)
          .where('p.locked_until', '>=', now),
      )
      .orderBy('e.event_timestamp');
  }

  /** Pending events at the head of their customer's line (as `e`), oldest first. */
  private headsOfLine(): Knex.QueryBuilder {
    // two lookups, each with the status as an equality, so the (source_user_id, status) index goes
    // straight to the customer's events in flight: as one OR it walked every event the customer ever
    // sent, a cost that grew with their history
    return this.db({ e: 'webhook_events' })
      .where('e.status', WebhookEventStatus.PENDING)
      .whereNull('e.processed_at')
      .whereNotExists(this.sameCustomer().where('p.status', WebhookEventStatus.PROCESSING))
      .whereNotExists(
        this.sameCustomer()
          .where('p.status', WebhookEventStatus.PENDING)
          .whereRaw(
            '(p.event_timestamp < e.event_timestamp or (p.event_timestamp = e.event_timestamp and (p.received_at < e.received_at or (p.received_at = e.received_at and p.id < e.id))))',
          ),
      )
      // the (status, event_timestamp) index gives this order, so the scan stops at the first head
      .orderBy('e.event_timestamp');
  }

  /** Other live events of the same LINE user as `e` (as `p`). */
  private sameCustomer(): Knex.QueryBuilder {
    return this.db({ p: 'webhook_events' })
      .select(this.db.raw('1'))
      .whereRaw('p.source_user_id = e.source_user_id')
      .whereNull('p.processed_at')
      .whereRaw('p.id <> e.id');
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
