/**
 * A new message as the row `messages` stores for it: every column spelt out, what the message leaves out
 * null (attempts 0). MessagesRepo.insertMany binds the columns an insert sets from this row and, on
 * SQLite, answers the row itself with the id the INSERT gave, instead of reading it back: one object
 * shape for every row (rows built with spreads cost more than reading them back with RETURNING).
 */
import type { MessageRow, NewMessage } from './messages.repo.ts';

/** The columns an insert sets; the rest (id, the send lease, last_error, sent_at) start as the table's defaults. */
export const INSERTED_COLUMNS = [
  'customer_id', 'conversation_id', 'direction', 'sender_kind', 'operator_id', 'type', 'text', 'payload', 'line_message_id',
  'webhook_event_id', 'delivery_status', 'sent_via', 'retry_key', 'reply_token', 'reply_token_expires_at', 'attempts',
  'created_at', 'unsent_at', 'sender_line_user_id', 'sender_name',
] as const satisfies readonly (keyof MessageRow)[];

/** The row to be stored; its id is 0 until the insert gives it one. */
export function newMessageRow(m: NewMessage): MessageRow {
  return {
    id: 0,
    customer_id: m.customer_id,
    conversation_id: m.conversation_id ?? null,
    direction: m.direction,
    sender_kind: m.sender_kind,
    operator_id: m.operator_id ?? null,
    type: m.type,
    text: m.text,
    payload: m.payload,
    line_message_id: m.line_message_id ?? null,
    webhook_event_id: m.webhook_event_id ?? null,
    delivery_status: m.delivery_status,
    sent_via: m.sent_via ?? null,
    retry_key: m.retry_key ?? null,
    reply_token: m.reply_token ?? null,
    reply_token_expires_at: m.reply_token_expires_at ?? null,
    send_locked_by: null,
    send_locked_until: null,
    attempts: 0,
    last_error: null,
    created_at: m.created_at,
    sent_at: null,
    unsent_at: m.unsent_at ?? null,
    sender_line_user_id: m.sender_line_user_id ?? null,
    sender_name: m.sender_name ?? null,
  };
}

/** The rows' values for INSERTED_COLUMNS, row after row. */
export function insertedValues(rows: readonly MessageRow[]): (string | number | null)[] {
  const values: (string | number | null)[] = [];
  for (const row of rows) for (const column of INSERTED_COLUMNS) values.push(row[column] ?? null);
  return values;
}
