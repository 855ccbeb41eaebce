import type { Knex } from 'knex';

export interface ChannelRow {
  id: string;
  name: string;
  avatar_url: string | null;
  /** AES-256-GCM, services/channels/secret-box.ts; null for the default channel (the environment's) */
  secret_enc: string | null;
  access_token_enc: string | null;
  /** SQLite answers 0/1 */
  group_handoff: boolean | number;
  created_at: number;
  updated_at: number;
}

export type ChannelChanges = Partial<Pick<ChannelRow, 'name' | 'avatar_url' | 'secret_enc' | 'access_token_enc' | 'group_handoff'>> & { updated_at: number };

/** LINE channels (migration 018): the default one first, then by id. */
export class ChannelsRepo {
  constructor(private readonly db: Knex) {}

  list(): Promise<ChannelRow[]> {
    return this.db<ChannelRow>('channels').orderByRaw("case when id = 'default' then 0 else 1 end").orderBy('id');
  }

  findById(id: string): Promise<ChannelRow | undefined> {
    return this.db<ChannelRow>('channels').where({ id }).first();
  }

  /** the newest change of any channel: engines compare it to notice an added, edited or removed channel */
  async changeMark(): Promise<string> {
    const row = (await this.db('channels').max({ at: 'updated_at' }).count({ n: '*' }).first()) as { at: number | string | null; n: number | string } | undefined;
    return `${row?.n ?? 0}:${row?.at ?? 0}`;
  }

  async insert(row: ChannelRow): Promise<void> {
    await this.db('channels').insert(row);
  }

  async update(id: string, changes: ChannelChanges): Promise<ChannelRow | undefined> {
    await this.db('channels').where({ id }).update(changes);
    return this.findById(id);
  }

  /** Replaces a channel's sealed credentials if they are still `before`'s; false when they changed meanwhile. */
  async replaceCredentials(before: Pick<ChannelRow, 'id' | 'secret_enc' | 'access_token_enc'>, after: Pick<ChannelRow, 'secret_enc' | 'access_token_enc'>): Promise<boolean> {
    return (await this.db('channels').where({ id: before.id, secret_enc: before.secret_enc, access_token_enc: before.access_token_enc }).update(after)) === 1;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db('channels').where({ id }).delete()) === 1;
  }

  /** open (WAITING or ACTIVE) conversations of the channel's customers */
  async openConversations(id: string): Promise<number> {
    const row = (await this.db('conversations')
      .join('customers', 'customers.id', 'conversations.customer_id')
      .where('customers.channel_id', id)
      .whereIn('conversations.status', ['WAITING', 'ACTIVE'])
      .count({ n: '*' })
      .first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }
}
