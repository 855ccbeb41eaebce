/** TickBatcher: work that arrives in the same turn of the event loop is flushed once, together. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TickBatcher } from '../../engine/services/chat/tick-batcher.ts';

test('inputs added in one turn share one flush, and each gets its own answer', async () => {
  const flushes: number[][] = [];
  const batcher = new TickBatcher<number, number>(async (inputs) => {
    flushes.push(inputs);
    return inputs.map((n) => n * 10);
  });
  const answers = await Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);
  assert.equal(answers, [10, 20, 30]);
  assert.equal(flushes, [[1, 2, 3]]);
});

test('inputs added while a flush is under way go into the next one', async () => {
  const flushes: number[][] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const batcher = new TickBatcher<number, number>(async (inputs) => {
    flushes.push(inputs);
    if (flushes.length === 1) await gate;
    return inputs;
  });
  const first = batcher.add(1);
  await new Promise((resolve) => setImmediate(resolve));
  const second = batcher.add(2);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  assert.equal(await Promise.all([first, second]), [1, 2]);
  assert.equal(flushes, [[1], [2]]);
});

test('a failed flush fails every input of that batch', async () => {
  const batcher = new TickBatcher<number, number>(async () => {
    throw new Error('database down');
  });
  const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
  assert.equal(results.map((r) => r.status), ['rejected', 'rejected']);
});

test.run();
