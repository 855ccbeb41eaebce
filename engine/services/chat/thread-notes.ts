/**
 * Lines in a conversation's thread for the team only: an operator's private note, or a line Baton writes
 * about the conversation ("Reopened by Ann"). Stored as messages with direction 'note', so they sit in the
 * thread in order and reach studio users as any message does (message:new), but the outbox (direction 'out')
 * never sends them to LINE and analytics (which counts 'in' and 'out') never counts them.
 */
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';

export type NoteAuthor = { kind: 'operator'; operatorId: string } | { kind: 'system' };

export interface NoteInput {
  /** id null: a line in the customer's history outside any conversation (a group's member change while the bot has it) */
  conversation: { id: string | null; customer_id: string };
  author: NoteAuthor;
  text: string;
  now: number;
}

export function writeNote(tx: Store, input: NoteInput): Promise<MessageRow> {
  return tx.messages.insert({
    customer_id: input.conversation.customer_id,
    conversation_id: input.conversation.id,
    direction: 'note',
    sender_kind: input.author.kind,
    operator_id: input.author.kind === 'operator' ? input.author.operatorId : null,
    type: 'text',
    text: input.text,
    payload: 'null',
    line_message_id: null,
    webhook_event_id: null,
    // stored, and nothing to deliver
    delivery_status: 'received',
    retry_key: null,
    reply_token: null,
    reply_token_expires_at: null,
    created_at: input.now,
  });
}
