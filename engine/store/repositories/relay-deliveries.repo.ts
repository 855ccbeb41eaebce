import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';
import { rawRows } from '../raw-rows.ts';

/** What became of one event sent to one target (see services/relay/relay-deliverer.ts). */
export const RelayDeliveryStatus = {
  /** waiting for its (next) attempt */
  PENDING: 'pending',
  /** the target answered 2xx */
  DELIVERED: 'delivered',
  /** the target refused it (4xx other than 408/429), or it failed for 24 hours */
  GAVE_UP: 'gave_up',
} as const;
export type RelayDeliveryStatus = (typeof RelayDeliveryStatus)[keyof typeof RelayDeliveryStatus];

export interface RelayDeliveryRow {
  id: number;
  target_id: string;
  event_key: string;
  event_type: string;
  body: string;
  status: RelayDeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export type NewRelayDelivery = Pick<RelayDeliveryRow, 'target_id' | 'event_key' | 'event_type' | 'body' | 'created_at'>;

/** rows per INSERT: SQLite allows some 32k bound values, a row has 8 */
const INSERT_CHUNK = 500;

/**
 * The relay's queue (table relay_deliveries): one row per event and target, claimed under a lease so one engine
 * sends each. Postgres skips rows another engine is claiming at the same moment.
 */
export class RelayDeliveriesRepo {
  constructor(private readonly db: Knex) {}

  /** Queues each delivery, due at once; one already queued (a redelivered event) is left as it is. */
  async enqueue(deliveries: readonly NewRelayDelivery[]): Promise<void> {
    for (let i = 0; i < deliveries.length; i += INSERT_CHUNK) {
      const rows = deliveries.slice(i, i + INSERT_CHUNK).map((d) => ({ ...d, status: RelayDeliveryStatus.PENDING, attempts: 0, next_attempt_at: d.created_at }));
      await this.db('relay_deliveries').insert(rows).onConflict(['target_id', 'event_key']).ignore();
    }
  }

  /**
   * Takes up to `limit` due deliveries of enabled targets for `owner` until the lease ends, oldest first,
   * counting the attempt now (an attempt that kills its engine still counts).
   */
  claimDue(owner: string, now: number, leaseMs: number, limit: number): Promise<RelayDeliveryRow[]> {
    const due = `select d.id from relay_deliveries d
      where d.status = '${RelayDeliveryStatus.PENDING}' and d.next_attempt_at <= ? and (d.locked_until is null or d.locked_until < ?)
        and d.target_id in (select t.id from relay_targets t where t.enabled = ${isPostgres(this.db) ? 'true' : '1'})
      order by d.next_attempt_at, d.id limit ?`;
    const lockFree = isPostgres(this.db) ? ' for update of d skip locked' : '';
    return rawRows<RelayDeliveryRow>(
      this.db,
      `update relay_deliveries set locked_by = ?, locked_until = ?, attempts = attempts + 1
       where id in (${due}${lockFree}) returning *`,
      [owner, now + leaseMs, now, now, limit],
    );
  }

  async markDelivered(id: number, owner: string, now: number): Promise<void> {
    await this.held(id, owner).update({ status: RelayDeliveryStatus.DELIVERED, finished_at: now, last_error: null, locked_by: null, locked_until: null });
  }

  async markRetry(id: number, owner: string, error: string, nextAttemptAt: number): Promise<void> {
    await this.held(id, owner).update({ last_error: error.slice(0, 500), next_attempt_at: nextAttemptAt, locked_by: null, locked_until: null });
  }

  async markGaveUp(id: number, owner: string, error: string, now: number): Promise<void> {
    await this.held(id, owner).update({ status: RelayDeliveryStatus.GAVE_UP, last_error: error.slice(0, 500), finished_at: now, locked_by: null, locked_until: null });
  }

  /** Hands back what this engine holds (shutdown): another engine, or this one restarted, sends it at once. */
  async release(owner: string): Promise<void> {
    await this.db('relay_deliveries').where({ locked_by: owner, status: RelayDeliveryStatus.PENDING }).update({ locked_by: null, locked_until: null });
  }

  /** Forgets finished deliveries: delivered ones before `deliveredBefore`, given-up ones before `gaveUpBefore`. */
  async prune(deliveredBefore: number, gaveUpBefore: number): Promise<number> {
    const delivered = await this.db('relay_deliveries').where({ status: RelayDeliveryStatus.DELIVERED }).where('finished_at', '<', deliveredBefore).delete();
    const gaveUp = await this.db('relay_deliveries').where({ status: RelayDeliveryStatus.GAVE_UP }).where('finished_at', '<', gaveUpBefore).delete();
    return delivered + gaveUp;
  }

  forTarget(targetId: string): Promise<RelayDeliveryRow[]> {
    return this.db<RelayDeliveryRow>('relay_deliveries').where({ target_id: targetId }).orderBy('id');
  }

  private held(id: number, owner: string) {
    return this.db('relay_deliveries').where({ id, locked_by: owner, status: RelayDeliveryStatus.PENDING });
  }
}
