/**
 * Outbound messages are written to the messages table as "pending" inside the same transaction as
 * the state change that caused them; the dispatcher sends them after commit. A crash in between
 * loses nothing: pending rows are sent on the next sweep, with the same retry key.
 */
import { randomUUID } from 'node:crypto';
import type { SenderKind } from '../../contracts/conversation.ts';
import type { OutboundMessage } from '../../domain/flow/flow-action.ts';
import type { MessageRow, NewMessage } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';

/** LINE takes at most five messages per reply or push. */
export const MAX_MESSAGES_PER_REQUEST = 5;

export interface OutboundBatch {
  customerId: string;
  conversationId: string | null;
  senderKind: SenderKind;
  operatorId: string | null;
  messages: OutboundMessage[];
  /** a fresh reply token to spend on the first request, if the caller holds one */
  replyToken: { token: string; expiresAt: number } | null;
  webhookEventId: string | null;
  now: number;
}

/** What operators read in the thread for a message the account sent. */
function displayText(message: OutboundMessage): string {
  if (message.type === 'text') return message.text;
  if (message.type === 'flex') return `[flex] ${message.altText}`;
  if (message.type === 'sticker') return '[sticker]';
  return '[image]';
}

/** Writes the batch as pending rows; every group of up to five shares one retry key (one request). */
export async function enqueueOutbound(tx: Store, batch: OutboundBatch): Promise<MessageRow[]> {
  const rows: NewMessage[] = [];
  for (let start = 0; start < batch.messages.length; start += MAX_MESSAGES_PER_REQUEST) {
    const retryKey = randomUUID();
    // only the first request can use the reply token: a token works once
    const token = start === 0 ? batch.replyToken : null;
    for (const message of batch.messages.slice(start, start + MAX_MESSAGES_PER_REQUEST)) {
      rows.push({
        customer_id: batch.customerId,
        conversation_id: batch.conversationId,
        direction: 'out',
        sender_kind: batch.senderKind,
        operator_id: batch.operatorId,
        type: message.type,
        text: displayText(message),
        payload: JSON.stringify(message),
        line_message_id: null,
        webhook_event_id: batch.webhookEventId,
        delivery_status: 'pending',
        retry_key: retryKey,
        reply_token: token?.token ?? null,
        reply_token_expires_at: token?.expiresAt ?? null,
        created_at: batch.now,
      });
    }
  }
  return tx.messages.insertMany(rows);
}
