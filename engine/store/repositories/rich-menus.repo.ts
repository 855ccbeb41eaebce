import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';
import { rawRows } from '../raw-rows.ts';

export interface RichMenuRow {
  /** a LINE rich menu id exists only in the channel that made it: each channel has its own menus */
  channel_id: string;
  flow_version: number;
  menu_id: string;
  content_hash: string;
  line_rich_menu_id: string | null;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  deleted_at: number | null;
}

export const RichMenuLinkStatus = { PENDING: 'pending', DONE: 'done', FAILED: 'failed' } as const;
export type RichMenuLinkStatus = (typeof RichMenuLinkStatus)[keyof typeof RichMenuLinkStatus];

export interface RichMenuLinkRow {
  channel_id: string;
  line_user_id: string;
  conversation_id: string;
  flow_version: number;
  state: string;
  menu_id: string | null;
  status: RichMenuLinkStatus;
  attempts: number;
  next_attempt_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  revision: number;
  updated_at: number;
}

export interface WantedLink {
  channelId: string;
  lineUserId: string;
  conversationId: string;
  flowVersion: number;
  state: string;
  menuId: string | null;
}

/**
 * The LINE rich menus made for flow versions in each channel (table rich_menus) and the queue of link/unlink
 * calls that follow each customer's conversation state (rich_menu_links), both claimed under leases so one
 * engine makes each call (services/rich-menus/).
 */
export class RichMenusRepo {
  constructor(private readonly db: Knex) {}

  // ------------------------------------------------------------------ menus of a version

  /** Records the menus a version needs (those recorded before keep their hash: a changed image file does not change a published version). */
  async record(channelId: string, rows: readonly { flowVersion: number; menuId: string; contentHash: string }[], now: number): Promise<void> {
    if (rows.length === 0) return;
    await this.db('rich_menus')
      .insert(rows.map((r) => ({ channel_id: channelId, flow_version: r.flowVersion, menu_id: r.menuId, content_hash: r.contentHash, created_at: now })))
      .onConflict(['channel_id', 'flow_version', 'menu_id'])
      .ignore();
  }

  ofVersion(channelId: string, flowVersion: number): Promise<RichMenuRow[]> {
    return this.db<RichMenuRow>('rich_menus').where({ channel_id: channelId, flow_version: flowVersion });
  }

  /** A live LINE menu of the channel made for the same content (by any version), to share instead of making another. */
  async liveWithHash(channelId: string, contentHash: string): Promise<string | null> {
    const row = await this.db<RichMenuRow>('rich_menus').where({ channel_id: channelId, content_hash: contentHash }).whereNotNull('line_rich_menu_id').whereNull('deleted_at').first();
    return row?.line_rich_menu_id ?? null;
  }

  /** Takes the making of one menu for `owner` until the lease ends; false when it is made or another engine holds it. */
  async claim(channelId: string, flowVersion: number, menuId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const changed = await this.db('rich_menus')
      .where({ channel_id: channelId, flow_version: flowVersion, menu_id: menuId })
      .whereNull('line_rich_menu_id')
      .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<', now))
      .update({ locked_by: owner, locked_until: now + leaseMs });
    return changed > 0;
  }

  async made(channelId: string, flowVersion: number, menuId: string, lineRichMenuId: string): Promise<void> {
    await this.db('rich_menus').where({ channel_id: channelId, flow_version: flowVersion, menu_id: menuId }).update({ line_rich_menu_id: lineRichMenuId, locked_by: null, locked_until: null, last_error: null });
  }

  async failed(channelId: string, flowVersion: number, menuId: string, error: string): Promise<void> {
    await this.db('rich_menus').where({ channel_id: channelId, flow_version: flowVersion, menu_id: menuId }).update({ locked_by: null, locked_until: null, last_error: error.slice(0, 500) });
  }

  /** Whether Baton ever made a rich menu at LINE in the channel (so there may be a default to remove). */
  async anyMade(channelId: string): Promise<boolean> {
    return (await this.db('rich_menus').where({ channel_id: channelId }).whereNotNull('line_rich_menu_id').first()) !== undefined;
  }

  /** Versions with live LINE menus, other than `keep`, that no open conversation and no pending link still uses. */
  async unusedVersions(keep: number): Promise<number[]> {
    const rows = await this.db('rich_menus as m')
      .distinct('m.flow_version')
      .whereNotNull('m.line_rich_menu_id')
      .whereNull('m.deleted_at')
      .whereNot('m.flow_version', keep)
      .whereNotExists((q) => q.select(this.db.raw('1')).from('conversations as c').whereRaw('c.flow_version = m.flow_version').whereIn('c.status', ['WAITING', 'ACTIVE']))
      .whereNotExists((q) => q.select(this.db.raw('1')).from('rich_menu_links as l').whereRaw('l.flow_version = m.flow_version').where('l.status', RichMenuLinkStatus.PENDING));
    return rows.map((r: { flow_version: number }) => Number(r.flow_version));
  }

  /**
   * Marks a version's menus (in every channel) deleted; returns, per channel, the LINE ids no other live row of
   * that channel still uses (safe to delete at LINE with that channel's token).
   */
  async retire(flowVersion: number, now: number): Promise<{ channelId: string; richMenuId: string }[]> {
    const rows = await this.db<RichMenuRow>('rich_menus').where({ flow_version: flowVersion }).whereNotNull('line_rich_menu_id').whereNull('deleted_at');
    await this.db('rich_menus').where({ flow_version: flowVersion }).whereNull('deleted_at').update({ deleted_at: now });
    const key = (channelId: string, richMenuId: string) => `${channelId}\n${richMenuId}`;
    const menus = new Map(rows.map((r) => [key(r.channel_id, r.line_rich_menu_id ?? ''), { channelId: r.channel_id, richMenuId: r.line_rich_menu_id ?? '' }]));
    if (menus.size === 0) return [];
    const shared = await this.db<RichMenuRow>('rich_menus')
      .whereIn('line_rich_menu_id', [...new Set(rows.map((r) => r.line_rich_menu_id ?? ''))])
      .whereNull('deleted_at')
      .select('channel_id', 'line_rich_menu_id');
    for (const row of shared) menus.delete(key(row.channel_id, row.line_rich_menu_id ?? ''));
    return [...menus.values()];
  }

  // ------------------------------------------------------------------ a channel's

  /** The LINE ids of the menus Baton made in the channel and has not deleted there, each once. */
  async liveInChannel(channelId: string): Promise<string[]> {
    const rows = await this.db('rich_menus').distinct('line_rich_menu_id').where({ channel_id: channelId }).whereNotNull('line_rich_menu_id').whereNull('deleted_at');
    return rows.map((row: { line_rich_menu_id: string }) => row.line_rich_menu_id);
  }

  /** Forgets the channel's menus and links: a channel added later under the same id (maybe another account) starts without them. */
  async dropChannel(channelId: string): Promise<void> {
    await this.db('rich_menu_links').where({ channel_id: channelId }).delete();
    await this.db('rich_menus').where({ channel_id: channelId }).delete();
  }

  // ------------------------------------------------------------------ links per customer

  /**
   * The menu a customer's conversation now calls for. A row for another state (or conversation, or
   * version) is replaced and due at once; the same state again changes nothing (every engine hears of
   * a change, and a conversation is updated for many reasons besides its state).
   */
  async want(link: WantedLink, now: number): Promise<void> {
    await this.db.raw(
      `insert into rich_menu_links (channel_id, line_user_id, conversation_id, flow_version, state, menu_id, status, attempts, next_attempt_at, revision, updated_at)
       values (?, ?, ?, ?, ?, ?, '${RichMenuLinkStatus.PENDING}', 0, ?, 1, ?)
       on conflict (channel_id, line_user_id) do update set conversation_id = excluded.conversation_id, flow_version = excluded.flow_version,
         state = excluded.state, menu_id = excluded.menu_id, status = excluded.status, attempts = 0, next_attempt_at = excluded.next_attempt_at,
         last_error = null, revision = rich_menu_links.revision + 1, updated_at = excluded.updated_at
       where rich_menu_links.state <> excluded.state or rich_menu_links.conversation_id <> excluded.conversation_id
         or rich_menu_links.flow_version <> excluded.flow_version`,
      [link.channelId, link.lineUserId, link.conversationId, link.flowVersion, link.state, link.menuId, now, now],
    );
  }

  async hasLink(channelId: string, lineUserId: string): Promise<boolean> {
    return (await this.db('rich_menu_links').where({ channel_id: channelId, line_user_id: lineUserId }).first()) !== undefined;
  }

  /** Takes up to `limit` due calls for `owner` until the lease ends, counting the attempt. */
  claimDue(owner: string, now: number, leaseMs: number, limit: number): Promise<RichMenuLinkRow[]> {
    const due = `select channel_id, line_user_id from rich_menu_links
      where status = '${RichMenuLinkStatus.PENDING}' and next_attempt_at <= ? and (locked_until is null or locked_until < ?)
      order by next_attempt_at limit ?`;
    const lockFree = isPostgres(this.db) ? ' for update skip locked' : '';
    return rawRows<RichMenuLinkRow>(
      this.db,
      `update rich_menu_links set locked_by = ?, locked_until = ?, attempts = attempts + 1
       where (channel_id, line_user_id) in (${due}${lockFree}) returning *`,
      [owner, now + leaseMs, now, now, limit],
    );
  }

  /** The call for `revision` is done; a newer state that came meanwhile stays pending (and is released for its own call). */
  async linkDone(row: RichMenuLinkRow, owner: string): Promise<void> {
    await this.held(row, owner).where({ revision: row.revision }).update({ status: RichMenuLinkStatus.DONE, last_error: null, locked_by: null, locked_until: null });
    await this.held(row, owner).update({ locked_by: null, locked_until: null });
  }

  async linkRetry(row: RichMenuLinkRow, owner: string, error: string, nextAttemptAt: number): Promise<void> {
    await this.held(row, owner).where({ revision: row.revision }).update({ last_error: error.slice(0, 500), next_attempt_at: nextAttemptAt, locked_by: null, locked_until: null });
    await this.held(row, owner).update({ locked_by: null, locked_until: null });
  }

  async linkGaveUp(row: RichMenuLinkRow, owner: string, error: string): Promise<void> {
    await this.held(row, owner).where({ revision: row.revision }).update({ status: RichMenuLinkStatus.FAILED, last_error: error.slice(0, 500), locked_by: null, locked_until: null });
    await this.held(row, owner).update({ locked_by: null, locked_until: null });
  }

  /** Hands back the calls this engine holds (shutdown). */
  async release(owner: string): Promise<void> {
    await this.db('rich_menu_links').where({ locked_by: owner }).update({ locked_by: null, locked_until: null });
    await this.db('rich_menus').where({ locked_by: owner }).update({ locked_by: null, locked_until: null });
  }

  findLink(channelId: string, lineUserId: string): Promise<RichMenuLinkRow | undefined> {
    return this.db<RichMenuLinkRow>('rich_menu_links').where({ channel_id: channelId, line_user_id: lineUserId }).first();
  }

  private held(row: RichMenuLinkRow, owner: string) {
    return this.db('rich_menu_links').where({ channel_id: row.channel_id, line_user_id: row.line_user_id, locked_by: owner });
  }
}
