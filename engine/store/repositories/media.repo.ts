import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';
import { rawRows } from '../raw-rows.ts';

/** What became of a message's content (see services/media/media-fetcher.ts). */
export const MediaStatus = {
  /** waiting for (its next) fetch from LINE */
  PENDING: 'pending',
  /** in Baton's media storage at `storage_key` */
  STORED: 'stored',
  /** LINE no longer has it (404): content is kept there only for a while */
  EXPIRED: 'expired',
  /** larger than Baton keeps for its kind (services/media/media-kinds.ts) */
  TOO_LARGE: 'too_large',
  /** fetching gave up after its attempts */
  FAILED: 'failed',
  /** the customer unsent the message: its bytes are deleted and never fetched again */
  UNSENT: 'unsent',
} as const;
export type MediaStatus = (typeof MediaStatus)[keyof typeof MediaStatus];

export type MediaKind = 'image' | 'video' | 'audio' | 'file';

export interface MediaRow {
  message_id: number;
  line_message_id: string;
  kind: MediaKind;
  status: MediaStatus;
  content_type: string | null;
  size: number | null;
  storage_key: string | null;
  attempts: number;
  next_attempt_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  fetched_at: number | null;
}

export interface NewMedia {
  message_id: number;
  line_message_id: string;
  kind: MediaKind;
  created_at: number;
}

/**
 * The media of inbound messages (table message_media) and the customers' unsends (messages.unsent_at): the
 * queue of fetches from LINE's content API, claimed under a lease so one engine fetches each, and where the
 * fetched bytes are kept.
 */
export class MediaRepo {
  constructor(private readonly db: Knex) {}

  /** Records the image an operator sent (already in storage under `storage_key`) as the message's stored media. */
  async recordSent(media: { message_id: number; content_type: string; size: number; storage_key: string; created_at: number }): Promise<void> {
    // line_message_id is '' : the bytes are Baton's own, nothing is fetched from LINE for them
    await this.db('message_media').insert({ ...media, line_message_id: '', kind: 'image', status: MediaStatus.STORED, attempts: 0, next_attempt_at: media.created_at, fetched_at: media.created_at });
  }

  /** Queues the fetch of each message's content, due at once (in the transaction that stores the messages). */
  async enqueue(media: readonly NewMedia[]): Promise<void> {
    if (media.length === 0) return;
    await this.db('message_media').insert(media.map((m) => ({ ...m, status: MediaStatus.PENDING, attempts: 0, next_attempt_at: m.created_at })));
  }

  /**
   * Takes up to `limit` due fetches for `owner` until the lease ends, counting the attempt now (a fetch that
   * kills its engine still uses one up). Postgres skips rows another engine is claiming at the same moment.
   */
  claimDue(owner: string, now: number, leaseMs: number, limit: number): Promise<MediaRow[]> {
    const due = `select message_id from message_media
      where status = '${MediaStatus.PENDING}' and next_attempt_at <= ? and (locked_until is null or locked_until < ?)
      order by next_attempt_at limit ?`;
    const lockFree = isPostgres(this.db) ? ' for update skip locked' : '';
    return rawRows<MediaRow>(
      this.db,
      `update message_media set locked_by = ?, locked_until = ?, attempts = attempts + 1
       where message_id in (${due}${lockFree}) returning *`,
      [owner, now + leaseMs, now, now, limit],
    );
  }

  /** The earliest time a pending fetch is due; null when none is waiting. */
  async nextDueAt(): Promise<number | null> {
    const row = await this.db('message_media').where({ status: MediaStatus.PENDING }).min<{ at: number | null }[]>({ at: 'next_attempt_at' }).first();
    return row?.at ?? null;
  }

  /** The fetched bytes are in storage; false when this engine no longer held the fetch (another took it over). */
  async markStored(messageId: number, owner: string, stored: { contentType: string; size: number; storageKey: string }, now: number): Promise<boolean> {
    const changed = await this.held(messageId, owner).update({
      status: MediaStatus.STORED,
      content_type: stored.contentType,
      size: stored.size,
      storage_key: stored.storageKey,
      fetched_at: now,
      last_error: null,
      locked_by: null,
      locked_until: null,
    });
    return changed > 0;
  }

  /** A failed attempt to try again at `nextAttemptAt`. */
  async markRetry(messageId: number, owner: string, error: string, nextAttemptAt: number): Promise<void> {
    await this.held(messageId, owner).update({ last_error: error.slice(0, 500), next_attempt_at: nextAttemptAt, locked_by: null, locked_until: null });
  }

  /** The fetch ends for good without bytes: expired at LINE, too large, or out of attempts. */
  async markGaveUp(messageId: number, owner: string, status: typeof MediaStatus.EXPIRED | typeof MediaStatus.TOO_LARGE | typeof MediaStatus.FAILED, error: string): Promise<void> {
    await this.held(messageId, owner).update({ status, last_error: error.slice(0, 500), locked_by: null, locked_until: null });
  }

  /** Hands back the fetches this engine holds (shutdown): another engine, or this one restarted, takes them at once. */
  async release(owner: string): Promise<void> {
    await this.db('message_media').where({ locked_by: owner, status: MediaStatus.PENDING }).update({ locked_by: null, locked_until: null });
  }

  findByMessageId(messageId: number): Promise<MediaRow | undefined> {
    return this.db<MediaRow>('message_media').where({ message_id: messageId }).first();
  }

  forMessages(messageIds: readonly number[]): Promise<MediaRow[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db<MediaRow>('message_media').whereIn('message_id', [...new Set(messageIds)]);
  }

  /**
   * The customer unsent these messages on LINE (unsend events carry LINE's message id): each is marked
   * unsent and its media with it. Returns the messages changed and the storage keys whose bytes to delete.
   */
  async unsend(customerId: string, lineMessageIds: readonly string[], at: number): Promise<{ messageIds: number[]; storageKeys: string[] }> {
    if (lineMessageIds.length === 0) return { messageIds: [], storageKeys: [] };
    const messages = await this.db('messages')
      .where({ customer_id: customerId, direction: 'in' })
      .whereIn('line_message_id', [...lineMessageIds])
      .select<{ id: number }[]>('id');
    const messageIds = messages.map((m) => m.id);
    if (messageIds.length === 0) return { messageIds, storageKeys: [] };
    await this.db('messages').whereIn('id', messageIds).whereNull('unsent_at').update({ unsent_at: at });
    const stored = await this.db('message_media').whereIn('message_id', messageIds).whereNotNull('storage_key').select<{ storage_key: string }[]>('storage_key');
    await this.db('message_media')
      .whereIn('message_id', messageIds)
      .update({ status: MediaStatus.UNSENT, storage_key: null, locked_by: null, locked_until: null });
    return { messageIds, storageKeys: stored.map((s) => s.storage_key) };
  }

  private held(messageId: number, owner: string) {
    return this.db('message_media').where({ message_id: messageId, locked_by: owner, status: MediaStatus.PENDING });
  }
}
