import type { Knex } from 'knex';

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

export class WebhookEventsRepo {
  constructor(private readonly db: Knex) {}

  /** Stores events; an id already stored is ignored. Returns how many were new. */
  async insertNew(events: NewWebhookEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows = events.map((e) => ({ ...e, status: WebhookEventStatus.PENDING, attempts: 0 }));
    const inserted = await this.db('webhook_events').insert(rows).onConflict('id').ignore().returning('id');
    return inserted.length;
  }

  findById(id: string): Promise<WebhookEventRow | undefined> {
    return this.db<WebhookEventRow>('webhook_events').where({ id }).first();
  }

  /**
   * Claims the oldest claimable event: pending, or processing under an expired lease (its worker died).
   * An event waits while an earlier event of the same LINE user is unfinished, so each customer's
   * events are handled in timestamp order.
   */
  async claimNext(workerId: string, now: number, leaseMs: number): Promise<WebhookEventRow | undefined> {
    const claimable = (q: Knex.QueryBuilder) =>
      q.where('status', WebhookEventStatus.PENDING).orWhere((w) =>
        w.where('status', WebhookEventStatus.PROCESSING).where('locked_until', '<', now),
      );
    const candidates: WebhookEventRow[] = await this.db<WebhookEventRow>('webhook_events')
      .where(claimable)
      .orderBy([{ column: 'event_timestamp' }, { column: 'received_at' }, { column: 'id' }])
      .limit(50);
    for (const candidate of candidates) {
      if (candidate.source_user_id !== null && (await this.hasEarlierUnfinished(candidate, now))) continue;
      const changed = await this.db('webhook_events')
        .where({ id: candidate.id, status: candidate.status })
        .where((w) => (candidate.locked_until === null ? w.whereNull('locked_until') : w.where('locked_until', candidate.locked_until)))
        .update({ status: WebhookEventStatus.PROCESSING, locked_by: workerId, locked_until: now + leaseMs, attempts: candidate.attempts + 1 });
      if (changed === 1) return { ...candidate, status: WebhookEventStatus.PROCESSING, locked_by: workerId, attempts: candidate.attempts + 1 };
    }
    return undefined;
  }

  private async hasEarlierUnfinished(event: WebhookEventRow, now: number): Promise<boolean> {
    const earlier = await this.db('webhook_events')
      .where({ source_user_id: event.source_user_id })
      .whereIn('status', [WebhookEventStatus.PENDING, WebhookEventStatus.PROCESSING])
      .whereNot('id', event.id)
      .where((w) =>
        w.where('event_timestamp', '<', event.event_timestamp).orWhere((same) =>
          same.where('event_timestamp', event.event_timestamp).where('received_at', '<', event.received_at),
        ),
      )
      // an earlier event held by a live lease elsewhere blocks; one under an expired lease is claimable itself
      .where((w) => w.where('status', WebhookEventStatus.PENDING).orWhere('locked_until', '>=', now))
      .first('id');
    return earlier !== undefined;
  }

  async markDone(id: string, workerId: string, now: number): Promise<boolean> {
    const changed = await this.db('webhook_events')
      .where({ id, locked_by: workerId, status: WebhookEventStatus.PROCESSING })
      .update({ status: WebhookEventStatus.DONE, processed_at: now, locked_by: null, locked_until: null });
    return changed === 1;
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

  /** Hands back events this worker holds (graceful shutdown). */
  async release(workerId: string): Promise<void> {
    await this.db('webhook_events')
      .where({ locked_by: workerId, status: WebhookEventStatus.PROCESSING })
      .update({ status: WebhookEventStatus.PENDING, locked_by: null, locked_until: null });
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db('webhook_events').select('status').count<{ status: string; n: number | string }[]>({ n: '*' }).groupBy('status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
