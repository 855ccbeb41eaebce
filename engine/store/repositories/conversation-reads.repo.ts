import type { Knex } from 'knex';

export interface ConversationReadRow {
  operator_id: string;
  conversation_id: string;
  last_read_message_id: number;
  at: number;
}

/** How far each operator has read each conversation (migration 011). */
export class ConversationReadsRepo {
  constructor(private readonly db: Knex) {}

  /**
   * Records that the operator has read the conversation up to this message. Only ever moves forward: a tab
   * that reports an older message after a newer one was read elsewhere does not bring old messages back.
   */
  async markRead(operatorId: string, conversationId: string, messageId: number, at: number): Promise<ConversationReadRow> {
    await this.db('conversation_reads')
      .insert({ operator_id: operatorId, conversation_id: conversationId, last_read_message_id: messageId, at })
      .onConflict(['operator_id', 'conversation_id'])
      .merge(['last_read_message_id', 'at'])
      .where('conversation_reads.last_read_message_id', '<', messageId);
    const row = await this.db<ConversationReadRow>('conversation_reads').where({ operator_id: operatorId, conversation_id: conversationId }).first();
    if (!row) throw new Error(`the read of conversation ${conversationId} was not stored`);
    return { ...row, last_read_message_id: Number(row.last_read_message_id), at: Number(row.at) };
  }

  /** The customer's messages in each conversation after the operator's last read; conversations with none are absent. */
  async unreadCounts(operatorId: string, conversationIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(conversationIds)];
    if (ids.length === 0) return new Map();
    const rows = (await this.db('messages as m')
      .leftJoin('conversation_reads as r', (join) => {
        join.on('r.conversation_id', '=', 'm.conversation_id').andOn('r.operator_id', '=', this.db.raw('?', [operatorId]));
      })
      .whereIn('m.conversation_id', ids)
      .where('m.sender_kind', 'customer')
      .whereRaw('m.id > coalesce(r.last_read_message_id, 0)')
      .groupBy('m.conversation_id')
      .select('m.conversation_id')
      .count({ unread: '*' })) as Array<{ conversation_id: string; unread: number | string }>;
    return new Map(rows.map((row) => [row.conversation_id, Number(row.unread)]));
  }
}
