import type { Knex } from 'knex';

export interface ChatMemberRow {
  chat_id: string;
  line_user_id: string;
  display_name: string;
  updated_at: number;
}

/**
 * Group and room members' names (migration 019), per (chat, user): LINE's member profile is the name a person
 * has in that group, and asking LINE once per member is enough. Also whether the channel a group chat came in
 * on lets it reach a human (channels.group_handoff, migration 018).
 */
export class ChatMembersRepo {
  constructor(private readonly db: Knex) {}

  /** The names known for these members of one chat, and when each was asked of LINE, by LINE user id. */
  async names(chatId: string, lineUserIds: readonly string[]): Promise<Map<string, { name: string; updatedAt: number }>> {
    const unique = [...new Set(lineUserIds)];
    if (unique.length === 0) return new Map();
    const rows = await this.db<ChatMemberRow>('chat_members').where({ chat_id: chatId }).whereIn('line_user_id', unique);
    return new Map(rows.map((row) => [row.line_user_id, { name: row.display_name, updatedAt: Number(row.updated_at) }]));
  }

  async remember(chatId: string, lineUserId: string, displayName: string, now: number): Promise<void> {
    await this.db('chat_members')
      .insert({ chat_id: chatId, line_user_id: lineUserId, display_name: displayName, updated_at: now })
      .onConflict(['chat_id', 'line_user_id'])
      .merge(['display_name', 'updated_at']);
  }

  /** A member left: their name is asked of LINE again should they come back (they may have changed it). */
  async forget(chatId: string, lineUserIds: readonly string[]): Promise<void> {
    if (lineUserIds.length === 0) return;
    await this.db('chat_members').where({ chat_id: chatId }).whereIn('line_user_id', [...lineUserIds]).delete();
  }

  /** Whether a handoff in this group or room chat may queue it for a human: its channel's group_handoff (default true). */
  async groupHandoff(customerId: string): Promise<boolean> {
    const row = await this.db('customers')
      .join('channels', 'channels.id', 'customers.channel_id')
      .where('customers.id', customerId)
      .first<{ group_handoff: boolean | number } | undefined>('channels.group_handoff');
    return row === undefined ? true : Boolean(row.group_handoff);
  }

  /** Drops everything kept about a chat's members (the account left the group). */
  async forgetChat(chatId: string): Promise<void> {
    await this.db('chat_members').where({ chat_id: chatId }).delete();
  }
}
