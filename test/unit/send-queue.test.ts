import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SendQueue, type QueuedBatch } from '../../engine/services/chat/send-queue.ts';

const batch = (customerId: string, firstId: number): QueuedBatch => ({ retryKey: `${customerId}-${firstId}`, customerId, firstId });
const nobodyBusy = () => false;

function drain(queue: SendQueue, busy: (customerId: string) => boolean = nobodyBusy): string[] {
  const taken: string[] = [];
  for (let next = queue.take(busy); next; next = queue.take(busy)) taken.push(next.retryKey);
  return taken;
}

test("a customer's batches come out in the order written, even when one is found late", () => {
  const queue = new SendQueue(100);
  queue.add(batch('a', 5));
  queue.add(batch('a', 9));
  queue.add(batch('a', 2)); // written first, found by the sweep after the others
  assert.equal(drain(queue), ['a-2', 'a-5', 'a-9']);
});

test('customers take turns, so one with many batches does not hold up the others', () => {
  const queue = new SendQueue(100);
  for (const id of [1, 2, 3]) queue.add(batch('many', id));
  queue.add(batch('one', 4));
  queue.add(batch('two', 5));
  assert.equal(drain(queue), ['many-1', 'one-4', 'two-5', 'many-2', 'many-3']);
});

test('a customer with a batch in flight is skipped; the others go ahead', () => {
  const queue = new SendQueue(100);
  queue.add(batch('busy', 1));
  queue.add(batch('free', 2));
  assert.equal(drain(queue, (customer) => customer === 'busy'), ['free-2']);
  assert.is(queue.size, 1);
  assert.equal(drain(queue), ['busy-1']);
});

test('a batch is queued once, and nothing past the capacity (it stays in the store for the sweep)', () => {
  const queue = new SendQueue(2);
  assert.ok(queue.add(batch('a', 1)));
  assert.not.ok(queue.add(batch('a', 1)), 'already queued');
  assert.ok(queue.add(batch('b', 2)));
  assert.not.ok(queue.add(batch('c', 3)), 'full');
  assert.ok(queue.has('a-1') && queue.hasQueued('b') && !queue.hasQueued('c'));
  queue.clear();
  assert.is(queue.size, 0);
  assert.is(queue.take(nobodyBusy), null);
});

test.run();
