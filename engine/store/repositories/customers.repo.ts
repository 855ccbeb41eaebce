import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ChatSource, CustomerDto, CustomerMode } from '../../contracts/conversation.ts';
import { rawRows } from '../raw-rows.ts';
import { parseJson } from './json-column.ts';

export interface CustomerRow {
  id: string;
  /** the LINE user id; for a group or room chat, the group or room id (source_type) */
  line_user_id: string;
  /** the LINE channel (Official Account) the customer wrote to (migration 018); LINE user ids are per provider */
  channel_id: string;
  /** user: a one-to-one chat; group or room: the whole group is one customer (migration 019) */
  source_type: ChatSource;
  display_name: string | null;
  picture_url: string | null;
  language: string | null;
  status_message: string | null;
  mode: CustomerMode;
  tags: string;
  following: boolean | number;
  reply_token: string | null;
  reply_token_expires_at: number | null;
  /** the newest message's LINE read token, until it is used (migration 010) */
  mark_as_read_token: string | null;
  created_at: number;
  updated_at: number;
  flow_state: string | null;
  flow_version: number | null;
  flow_resume_at: number | null;
}

export interface CustomerProfile {
  displayName: string;
  pictureUrl: string | null;
  language: string | null;
  statusMessage: string | null;
}

export function toCustomerDto(row: CustomerRow): CustomerDto {
  return {
    id: row.id,
    lineUserId: row.line_user_id,
    displayName: row.display_name,
    pictureUrl: row.picture_url,
    language: row.language,
    mode: row.mode,
    tags: parseJson<string[]>(row.tags, []),
    following: Boolean(row.following),
    createdAt: row.created_at,
  };
}

/** A LINE user (or group, or room) as seen by one channel: the key of a customer. */
export interface ChannelUser {
  channelId: string;
  lineUserId: string;
}

/** `channel + NUL + user`: a Map key for a ChannelUser */
export const channelUserKey = (channelId: string, lineUserId: string): string => `${channelId}\u0000${lineUserId}`;

/** A customer's row as first seen: with the bot, no profile yet, following. */
function newCustomerRow(user: ChannelUser, now: number, sourceType: ChatSource): CustomerRow {
  return {
    id: randomUUID(),
    line_user_id: user.lineUserId,
    channel_id: user.channelId,
    source_type: sourceType,
    display_name: null,
    picture_url: null,
    language: null,
    status_message: null,
    mode: 'BOT',
    tags: '[]',
    following: true,
    reply_token: null,
    reply_token_expires_at: null,
    mark_as_read_token: null,
    created_at: now,
    updated_at: now,
    flow_state: null,
    flow_version: null,
    flow_resume_at: null,
  };
}

const profileColumns = (profile: CustomerProfile) => ({
  display_name: profile.displayName,
  picture_url: profile.pictureUrl,
  language: profile.language,
  status_message: profile.statusMessage,
});

export class CustomersRepo {
  constructor(private readonly db: Knex) {}

  findById(id: string): Promise<CustomerRow | undefined> {
    return this.db<CustomerRow>('customers').where({ id }).first();
  }

  findByIds(ids: readonly string[]): Promise<CustomerRow[]> {
    return this.whereIn('id', ids);
  }

  /** the customers of these LINE user ids in every channel: pick by channel_id (channelUserKey) */
  findByLineUserIds(lineUserIds: readonly string[]): Promise<CustomerRow[]> {
    return this.whereIn('line_user_id', lineUserIds);
  }

  /**
   * Customers by a unique column, written as SQL: the event handler reads a batch's customers this
   * way twice per batch, and building the statement with the query builder cost more than running it.
   */
  private async whereIn(column: 'id' | 'line_user_id', values: readonly string[]): Promise<CustomerRow[]> {
    const unique = [...new Set(values)];
    if (unique.length === 0) return [];
    return rawRows<CustomerRow>(this.db, `select * from customers where ${column} in (${unique.map(() => '?').join(', ')})`, unique);
  }

  /** the customer of this LINE user id in the default channel (the environment's) */
  findByLineUserId(lineUserId: string): Promise<CustomerRow | undefined> {
    return this.findByChannelUser('default', lineUserId);
  }

  /** the customer of this LINE user id in this channel */
  findByChannelUser(channelId: string, lineUserId: string): Promise<CustomerRow | undefined> {
    return this.db<CustomerRow>('customers').where({ line_user_id: lineUserId, channel_id: channelId }).first();
  }

  /**
   * The customer for a LINE user id (or a group's or room's id) in a channel, created on first sight; a LINE id
   * alone is the default channel's. `created` tells whether the row is new.
   */
  async findOrCreate(user: ChannelUser | string, now: number, sourceType: ChatSource = 'user'): Promise<{ customer: CustomerRow; created: boolean }> {
    const channelUser = typeof user === 'string' ? { channelId: 'default', lineUserId: user } : user;
    const existing = await this.findByChannelUser(channelUser.channelId, channelUser.lineUserId);
    if (existing) return { customer: existing, created: false };
    const row = newCustomerRow(channelUser, now, sourceType);
    await this.db('customers').insert(row);
    return { customer: row, created: true };
  }

  /**
   * A customer seen for the first time, for a caller that has just read in its transaction that there is
   * none (the event handler): one INSERT with what the event brought, its profile and whether it follows,
   * and the row as written, where creating, updating and reading back took four statements.
   */
  async insertNew(user: ChannelUser, now: number, sourceType: ChatSource, seen: { profile: CustomerProfile | null; following: boolean | null }): Promise<CustomerRow> {
    const row: CustomerRow = { ...newCustomerRow(user, now, sourceType), ...(seen.profile ? profileColumns(seen.profile) : {}), following: seen.following ?? true };
    const columns = Object.keys(row);
    await rawRows(this.db, `insert into customers (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`, Object.values(row));
    return row;
  }

  async updateProfile(id: string, profile: CustomerProfile, now: number): Promise<void> {
    await this.db('customers').where({ id }).update({ ...profileColumns(profile), updated_at: now });
  }

  /** What an event brought about a known customer (a profile, a follow or unfollow), with one UPDATE; the row as it is now. */
  async applySeen(id: string, seen: { profile: CustomerProfile | null; following: boolean | null }, now: number): Promise<CustomerRow | undefined> {
    const changes = { ...(seen.profile ? profileColumns(seen.profile) : {}), ...(seen.following === null ? {} : { following: seen.following }), updated_at: now };
    const [row] = await rawRows<CustomerRow>(
      this.db,
      `update customers set ${Object.keys(changes).map((column) => `${column} = ?`).join(', ')} where id = ? returning *`,
      [...Object.values(changes), id],
    );
    return row;
  }

  async setMode(id: string, mode: CustomerMode, now: number): Promise<void> {
    await this.db('customers').where({ id }).update({ mode, updated_at: now });
  }

  async setFollowing(id: string, following: boolean, now: number): Promise<void> {
    await this.db('customers').where({ id }).update({ following, updated_at: now });
  }

  async setTags(id: string, tags: string[], now: number): Promise<void> {
    await this.db('customers').where({ id }).update({ tags: JSON.stringify(tags), updated_at: now });
  }

  /** The flow runtime's memory of this customer, the version it runs on, and when a wait step wakes it. */
  async saveFlowState(id: string, state: string, version: number, resumeAt: number | null): Promise<void> {
    await this.db('customers').where({ id }).update({ flow_state: state, flow_version: version, flow_resume_at: resumeAt });
  }

  /** Customers whose wait step is due; the caller clears flow_resume_at by saving the next state. */
  dueResumes(now: number, limit: number): Promise<CustomerRow[]> {
    return this.db<CustomerRow>('customers').where('flow_resume_at', '<=', now).orderBy('flow_resume_at').limit(limit);
  }

  async clearResume(id: string, at: number): Promise<boolean> {
    return (await this.db('customers').where({ id, flow_resume_at: at }).update({ flow_resume_at: null })) === 1;
  }

  /**
   * Keep each customer's newest unused reply token so an operator's answer within the minute costs no
   * push. One statement for all of them (a CASE per column).
   */
  async keepReplyTokens(tokens: readonly { customerId: string; token: string; expiresAt: number }[]): Promise<void> {
    if (tokens.length === 0) return;
    const cases = (value: (t: (typeof tokens)[number]) => string | number, cast: string) =>
      this.db.raw(`case id ${tokens.map(() => `when ? then cast(? as ${cast})`).join(' ')} end`, tokens.flatMap((t) => [t.customerId, value(t)]));
    await this.db('customers')
      .whereIn('id', tokens.map((t) => t.customerId))
      .update({ reply_token: cases((t) => t.token, 'text'), reply_token_expires_at: cases((t) => t.expiresAt, 'bigint') });
  }

  /** Take the kept reply token if still fresh; a token is handed out at most once. */
  async takeReplyToken(id: string, now: number): Promise<{ token: string; expiresAt: number } | null> {
    const row = await this.db<CustomerRow>('customers').where({ id }).first('reply_token', 'reply_token_expires_at');
    const expiresAt = row?.reply_token_expires_at ?? 0;
    if (!row?.reply_token || expiresAt <= now) return null;
    const taken = await this.db('customers')
      .where({ id, reply_token: row.reply_token })
      .update({ reply_token: null, reply_token_expires_at: null });
    return taken === 1 ? { token: row.reply_token, expiresAt } : null;
  }

  /** Keep each customer's newest LINE read token (one per customer: a batch holds one event each), in one statement. */
  async keepMarkAsReadTokens(tokens: readonly { customerId: string; token: string }[]): Promise<void> {
    if (tokens.length === 0) return;
    // written as SQL: every batch with a text in it writes one, and the query builder cost more than the update
    await rawRows(
      this.db,
      `update customers set mark_as_read_token = case id ${tokens.map(() => 'when ? then cast(? as text)').join(' ')} end
       where id in (${tokens.map(() => '?').join(', ')})`,
      [...tokens.flatMap((t) => [t.customerId, t.token]), ...tokens.map((t) => t.customerId)],
    );
  }

  /** Take the kept read token; a token is handed out at most once, even to two engines at the same moment. */
  async takeMarkAsReadToken(id: string): Promise<string | null> {
    const row = await this.db<CustomerRow>('customers').where({ id }).first('mark_as_read_token');
    const token = row?.mark_as_read_token ?? null;
    if (token === null) return null;
    const taken = await this.db('customers').where({ id, mark_as_read_token: token }).update({ mark_as_read_token: null });
    return taken === 1 ? token : null;
  }

  /** Put back a read token LINE did not take (busy or down), unless a newer message brought its own meanwhile. */
  async restoreMarkAsReadToken(id: string, token: string): Promise<void> {
    await this.db('customers').where({ id }).whereNull('mark_as_read_token').update({ mark_as_read_token: token });
  }
}
