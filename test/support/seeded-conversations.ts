/**
 * Conversations written straight into the store, each with its customer (name, tags), team and holder, for
 * tests of what the inbox lists and filters: no flow has to route them there.
 */
import assert from 'node:assert/strict';
import type { Store } from '../../engine/store/store.ts';

export interface SeededConversation {
  /** the customer's display name, also the conversation's name in the test */
  name: string;
  team: string | null;
  tags: string[];
  /** the operator who claimed it; none: it waits in the queue */
  holderId?: string;
  closed?: boolean;
}

/** the new conversation's id; `at` orders them (the queue serves the oldest first) */
export async function seedConversation(store: Store, seed: SeededConversation, at: number): Promise<string> {
  const { customer } = await store.customers.findOrCreate(`U-seed-${seed.name}`, at);
  await store.customers.updateProfile(customer.id, { displayName: seed.name, pictureUrl: null, language: null, statusMessage: null }, at);
  await store.customers.setTags(customer.id, seed.tags, at);
  const routing = { queueId: null, routingId: null, team: seed.team, skills: [], priority: 0, strategy: 'round-robin' as const };
  const conversation = await store.conversations.create({ customerId: customer.id, flowVersion: null, onCloseStep: null, routing, now: at });
  if (seed.holderId) assert.ok(await store.conversations.claim(conversation.id, seed.holderId, at + 1), `${seed.name} claimed`);
  if (seed.closed) assert.ok(await store.conversations.close(conversation.id, 'closed-by-operator', at + 2), `${seed.name} closed`);
  return conversation.id;
}
