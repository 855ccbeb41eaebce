import type { Knex } from 'knex';
import type { DeliveryStatus, MessageDto, SenderKind } from '../../contracts/conversation.ts';
import { parseJson } from './json-column.ts';

export interface MessageRow {
  id: number;
  customer_id: string;
  conversation_id: string | null;
  direction: 'in' | 'out';
  sender_kind: SenderKind;
  operator_id: string | null;
  type: string;
  text: string;
  payload: string;
  line_message_id: string | null;
  webhook_event_id: string | null;
  delivery_status: DeliveryStatus;
  sent_via: 'reply' | 'push' | null;
  retry_key: string | null;
  reply_token: string | null;
  reply_token_expires_at: number | null;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export type NewMessage = Omit<MessageRow, 'id' | 'attempts' | 'last_error' | 'sent_at' | 'sent_via'> & {
  sent_via?: MessageRow['sent_via'];
};

export function toMessageDto(row: MessageRow): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    direction: row.direction,
    senderKind: row.sender_kind,
    operatorId: row.operator_id,
    type: row.type,
    text: row.text,
    payload: parseJson<unknown>(row.payload, null),
    deliveryStatus: row.delivery_status,
    sentVia: row.sent_via,
    createdAt: row.created_at,
  };
}

export class MessagesRepo {
  constructor(private readonly db: Knex) {}

  async insert(message: NewMessage): Promise<MessageRow> {
    const [inserted] = await this.db('messages').insert({ ...message, attempts: 0 }).returning('id');
    const id = typeof inserted === 'object' ? (inserted as { id: number }).id : Number(inserted);
    const row = await this.findById(id);
    if (!row) throw new Error(`message ${id} vanished after insert`);
    return row;
  }

  findById(id: number): Promise<MessageRow | undefined> {
    return this.db<MessageRow>('messages').where({ id }).first();
  }

  async attachToConversation(id: number, conversationId: string): Promise<MessageRow | undefined> {
    await this.db('messages').where({ id }).update({ conversation_id: conversationId });
    return this.findById(id);
  }

  findByIds(ids: number[]): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages').whereIn('id', ids).orderBy('id');
  }

  listByConversation(conversationId: string, limit = 500): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages').where({ conversation_id: conversationId }).orderBy('id', 'asc').limit(limit);
  }

  listByCustomer(customerId: string, limit = 500): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages').where({ customer_id: customerId }).orderBy('id', 'asc').limit(limit);
  }

  /** Outbound messages LINE has not accepted yet (the outbox), oldest first. */
  pendingOutbound(limit: number): Promise<MessageRow[]> {
    return this.db<MessageRow>('messages')
      .where({ direction: 'out', delivery_status: 'pending' })
      .orderBy('id', 'asc')
      .limit(limit);
  }

  async markSent(ids: number[], via: 'reply' | 'push', now: number): Promise<void> {
    await this.db('messages').whereIn('id', ids).update({ delivery_status: 'sent', sent_via: via, sent_at: now, reply_token: null });
  }

  /** A failed attempt: the reply token is spent either way, so the next attempt pushes. */
  async markAttemptFailed(ids: number[], error: string, final: boolean): Promise<void> {
    await this.db('messages')
      .whereIn('id', ids)
      .update({
        reply_token: null,
        last_error: error.slice(0, 500),
        delivery_status: final ? 'failed' : 'pending',
        attempts: this.db.raw('attempts + 1'),
      });
  }

  /** Last message of each conversation, for list previews. */
  lastOfConversations(conversationIds: string[]): Promise<MessageRow[]> {
    if (conversationIds.length === 0) return Promise.resolve([]);
    return this.db<MessageRow>('messages').whereIn(
      'id',
      this.db('messages').max('id').whereIn('conversation_id', conversationIds).groupBy('conversation_id'),
    );
  }
}
