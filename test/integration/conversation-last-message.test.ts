/**
 * A conversation's view shows its newest message: `lastOfConversations` finds the newest message of
 * each conversation asked for, however many messages the conversations hold. Runs on SQLite and
 * Postgres.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NewMessage } from '../../engine/store/repositories/messages.repo.ts';
import type { Store } from '../../engine/store/store.ts';
import { useTestStore } from '../support/cluster-store.ts';

let store: Store;
const T = 1_767_000_000_000;

useTestStore(test, (opened) => (store = opened));

function message(customerId: string, conversationId: string | null, text: string): NewMessage {
  return {
    customer_id: customerId,
    conversation_id: conversationId,
    direction: 'in',
    sender_kind: 'customer',
    operator_id: null,
    type: 'text',
    text,
    payload: '{}',
    line_message_id: null,
    webhook_event_id: null,
    delivery_status: 'received',
    reply_token: null,
    reply_token_expires_at: null,
    retry_key: null,
    created_at: T,
  };
}

test('the newest message of each conversation, and nothing for a conversation without messages', async () => {
  const { customer: ann } = await store.customers.findOrCreate('U-ann', T);
  const { customer: bob } = await store.customers.findOrCreate('U-bob', T);
  const first = await store.conversations.create({ customerId: ann.id, flowVersion: null, onCloseStep: null, now: T });
  const second = await store.conversations.create({ customerId: bob.id, flowVersion: null, onCloseStep: null, now: T });
  const silent = await store.conversations.create({ customerId: bob.id, flowVersion: null, onCloseStep: null, now: T });
  // interleaved, with messages outside any conversation between them
  const rows: NewMessage[] = [];
  for (let i = 0; i < 40; i++) {
    rows.push(message(ann.id, first.id, `ann ${i}`), message(bob.id, null, `bot talk ${i}`));
    if (i % 3 === 0) rows.push(message(bob.id, second.id, `bob ${i}`));
  }
  await store.messages.insertMany(rows);

  const last = await store.messages.lastOfConversations([first.id, second.id, silent.id, first.id]);
  const byConversation = new Map(last.map((m) => [m.conversation_id, m.text]));
  assert.equal(last.length, 2);
  assert.equal(byConversation.get(first.id), 'ann 39');
  assert.equal(byConversation.get(second.id), 'bob 39');
  assert.equal(await store.messages.lastOfConversations([]), []);
});

test.run();
