/**
 * `insertMany` answers the rows as stored: on SQLite it builds them from what it wrote and the ids the
 * INSERT gave (no RETURNING), so each answered row must equal the row read back from the table, every
 * column included, in the order given, inside a transaction and out, after rows of other statements
 * took ids in between, and when the insert waits for another transaction. Runs on SQLite and Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MessageRow, NewMessage } from '../../engine/store/repositories/messages.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';

let store: Store;
const T = 1_767_000_000_000;

useTestStore(test, (opened) => (store = opened));

function inbound(customerId: string, text: string): NewMessage {
  return {
    customer_id: customerId,
    conversation_id: null,
    direction: 'in',
    sender_kind: 'customer',
    operator_id: null,
    type: 'text',
    text,
    payload: JSON.stringify({ type: 'text', text }),
    line_message_id: `m-${text}`,
    webhook_event_id: `e-${text}`,
    delivery_status: 'received',
    reply_token: null,
    reply_token_expires_at: null,
    retry_key: null,
    created_at: T,
  };
}

function outbound(customerId: string, conversationId: string | null, text: string, retryKey: string): NewMessage {
  return {
    ...inbound(customerId, text),
    conversation_id: conversationId,
    direction: 'out',
    sender_kind: 'bot',
    line_message_id: null,
    delivery_status: 'pending',
    reply_token: `token-${text}`,
    reply_token_expires_at: T + 60_000,
    retry_key: retryKey,
  };
}

/** Each answered row against the row as the table has it. */
async function assertStoredAsAnswered(answered: MessageRow[]): Promise<void> {
  const stored = await store.messages.findByIds(answered.map((m) => m.id));
  assert.equal(stored.length, answered.length);
  for (const [i, row] of answered.entries()) assert.equal({ ...row }, { ...stored[i] }, `row ${i} (id ${row.id})`);
}

test('the answered rows are the stored rows, every column, in the order given', async () => {
  const { customer } = await store.customers.findOrCreate('U-ann', T);
  const conversation = await store.conversations.create({ customerId: customer.id, flowVersion: null, onCloseStep: null, now: T });
  const group = { ...inbound(customer.id, 'in a group'), sender_line_user_id: 'U-member', sender_name: 'Member' };
  const rows = [inbound(customer.id, 'one'), outbound(customer.id, conversation.id, 'two', 'key-1'), outbound(customer.id, conversation.id, 'three', 'key-1'), group];
  const answered = await store.messages.insertMany(rows);
  assert.equal(answered.map((m) => m.text), ['one', 'two', 'three', 'in a group']);
  assert.ok(answered.every((m, i) => i === 0 || m.id > (answered[i - 1] as MessageRow).id), 'ids ascending');
  await assertStoredAsAnswered(answered);
  assert.equal(answered[3]?.sender_name, 'Member');
  assert.equal(answered[1]?.attempts, 0);
  assert.equal(answered[1]?.send_locked_by, null);
});

test('inside a transaction, after other statements took ids, one row alone, and an optional column undefined', async () => {
  const { customer } = await store.customers.findOrCreate('U-bob', T);
  const answered = await store.transaction(async (tx) => {
    const first = await tx.messages.insertMany([inbound(customer.id, 'a'), inbound(customer.id, 'b')]);
    // an optional column given as undefined is stored as null, as left out
    const [c] = await tx.messages.insertMany([{ ...inbound(customer.id, 'c'), sender_name: undefined }]);
    assert.equal(c?.sender_name, null);
    const alone = await tx.messages.insert(outbound(customer.id, null, 'd', 'key-2'));
    return [...first, alone];
  });
  await assertStoredAsAnswered(answered);
  const all = await store.messages.listByCustomer(customer.id);
  assert.equal(all.map((m) => m.text), ['a', 'b', 'c', 'd']);
});

test('while a transaction holds the connection: the insert waits for it (SQLite: through knex) and answers as stored', async () => {
  const { customer } = await store.customers.findOrCreate('U-cat', T);
  let begun!: () => void;
  let release!: () => void;
  const started = new Promise<void>((resolve) => (begun = resolve));
  const held = new Promise<void>((resolve) => (release = resolve));
  const transaction = store.transaction(async () => {
    begun();
    await held;
  });
  await started;
  const inserting = store.messages.insertMany([inbound(customer.id, 'x'), outbound(customer.id, null, 'y', 'key-3')]);
  release();
  await transaction;
  await assertStoredAsAnswered(await inserting);
});

test.run();
