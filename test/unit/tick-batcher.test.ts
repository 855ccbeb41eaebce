/**
 * TickBatcher: work that arrives together is flushed once; a batch keeps growing while inputs keep
 * joining turn after turn, but only for a few turns. With maxInFlight, what arrives during a flush waits
 * for it (group commit), and with regroupMs also for the inputs that flush answered.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TickBatcher } from '../../engine/services/chat/tick-batcher.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function recording(): { batcher: TickBatcher<number, number>; flushes: number[][] } {
  const flushes: number[][] = [];
  const batcher = new TickBatcher<number, number>(async (inputs) => {
    flushes.push(inputs);
    return inputs.map((n) => n * 10);
  });
  return { batcher, flushes };
}

test('inputs added in one turn share one flush, and each gets its own answer', async () => {
  const { batcher, flushes } = recording();
  const answers = await Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);
  assert.equal(answers, [10, 20, 30]);
  assert.equal(flushes, [[1, 2, 3]]);
});

test('inputs that arrive in the next turns join the batch; a quiet turn flushes it', async () => {
  const { batcher, flushes } = recording();
  const answers = [batcher.add(1)];
  await nextTurn();
  answers.push(batcher.add(2));
  await nextTurn();
  answers.push(batcher.add(3));
  assert.equal(await Promise.all(answers), [10, 20, 30]);
  assert.equal(flushes, [[1, 2, 3]]);
});

test('inputs arriving every turn are flushed every few turns, not held back for good', async () => {
  const { batcher, flushes } = recording();
  const answers: Promise<number>[] = [];
  for (let i = 1; i <= 20; i++) {
    answers.push(batcher.add(i));
    await nextTurn();
  }
  assert.equal(await Promise.all(answers), Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
  assert.ok(flushes.length >= 4, `flushed ${flushes.length} times`);
  assert.ok(flushes.every((batch) => batch.length <= 5), `batches of ${flushes.map((b) => b.length).join(', ')}`);
  assert.equal(flushes.flat(), Array.from({ length: 20 }, (_, i) => i + 1));
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
  while (flushes.length === 0) await nextTurn();
  const second = batcher.add(2);
  await nextTurn();
  release();
  assert.equal(await Promise.all([first, second]), [1, 2]);
  assert.equal(flushes, [[1], [2]]);
});

/** a batcher whose flushes each wait for release(), recording what each flush held */
function gated(options: ConstructorParameters<typeof TickBatcher<number, number>>[1]) {
  const flushes: number[][] = [];
  const gates: (() => void)[] = [];
  const batcher = new TickBatcher<number, number>(async (inputs) => {
    flushes.push(inputs);
    await new Promise<void>((resolve) => gates.push(resolve));
    return inputs;
  }, options);
  const release = async () => {
    while (gates.length === 0) await nextTurn();
    gates.shift()?.();
  };
  return { batcher, flushes, release };
}

test('maxInFlight 1: inputs arriving while a flush is under way wait for it and go together in the next (group commit)', async () => {
  const { batcher, flushes, release } = gated({ maxInFlight: 1 });
  const first = batcher.add(1);
  while (flushes.length === 0) await nextTurn();
  const later = [batcher.add(2)];
  for (let i = 0; i < 8; i++) await nextTurn();
  later.push(batcher.add(3));
  for (let i = 0; i < 8; i++) await nextTurn();
  assert.equal(flushes, [[1]], 'nothing else flushed while the first was under way');
  await release();
  await release();
  assert.equal(await Promise.all([first, ...later]), [1, 2, 3]);
  assert.equal(flushes, [[1], [2, 3]]);
});

test('regroup: after a flush the waiting batch waits for as many inputs as that flush answered, then goes', async () => {
  const { batcher, flushes, release } = gated({ maxInFlight: 1, regroupMs: 60_000 });
  const answers = [batcher.add(1), batcher.add(2)];
  while (flushes.length === 0) await nextTurn();
  answers.push(batcher.add(3));
  for (let i = 0; i < 8; i++) await nextTurn();
  await release();
  await answers[1];
  await nextTurn();
  // the first flush answered two: the waiting batch goes once two more have joined it, not before
  answers.push(batcher.add(4));
  for (let i = 0; i < 8; i++) await nextTurn();
  assert.equal(flushes.length, 1, 'still regrouping');
  answers.push(batcher.add(5));
  while (flushes.length === 1) await nextTurn();
  assert.equal(flushes, [[1, 2], [3, 4, 5]]);
  await release();
  assert.equal(await Promise.all(answers), [1, 2, 3, 4, 5]);
});

test('regroup: when those answered do not come back, the waiting batch goes after regroupMs', async () => {
  const { batcher, flushes, release } = gated({ maxInFlight: 1, regroupMs: 1 });
  const first = batcher.add(1);
  while (flushes.length === 0) await nextTurn();
  const second = batcher.add(2);
  await release();
  await first;
  while (flushes.length === 1) await nextTurn();
  await release();
  assert.equal(await second, 2);
  assert.equal(flushes, [[1], [2]]);
});

test('a failed flush fails every input of that batch once each has failed alone too', async () => {
  const flushes: number[][] = [];
  const batcher = new TickBatcher<number, number>(async (inputs) => {
    flushes.push(inputs);
    throw new Error('database down');
  });
  const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
  assert.equal(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.equal(flushes, [[1, 2], [1], [2]]);
});

test('an input that fails a batch fails alone: the batch is flushed again one input at a time', async () => {
  const flushes: number[][] = [];
  const batcher = new TickBatcher<number, number>(async (inputs) => {
    flushes.push(inputs);
    if (inputs.includes(13)) throw new Error('refused');
    return inputs.map((n) => n * 10);
  });
  const results = await Promise.allSettled([batcher.add(1), batcher.add(13), batcher.add(2)]);
  assert.equal(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected')), [10, 'rejected', 20]);
  assert.equal(flushes, [[1, 13, 2], [1], [13], [2]]);
});

test.run();
