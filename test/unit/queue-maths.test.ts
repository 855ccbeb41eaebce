import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { QueueDocument } from '../../engine/domain/flow/flow-document.ts';
import { shouldAnnouncePosition } from '../../engine/domain/queue/announce-position.ts';
import { estimateWaitMinutes } from '../../engine/domain/queue/estimate-wait.ts';
import { maxWaitExceeded } from '../../engine/domain/queue/max-wait.ts';
import { renderPositionMessage } from '../../engine/domain/queue/position-message.ts';

test('the wait is the recent mean handling time per customer up to you, shared among online operators', () => {
  assert.is(estimateWaitMinutes(3, [4, 6, 5], 2, 10), 8, '3 x 5 min / 2 operators = 7.5, rounded up');
  assert.is(estimateWaitMinutes(1, [4, 6, 5], 1, 10), 5);
  assert.is(estimateWaitMinutes(2, [], 1, 6), 12, 'no history: the default handling time');
});

test('the wait is never 0, and nobody online counts as one operator coming back', () => {
  assert.is(estimateWaitMinutes(1, [0.2], 5, 6), 1);
  assert.is(estimateWaitMinutes(2, [5], 0, 6), 10);
});

test('position updates: always on queueing, then only on a change and not more often than the interval', () => {
  const base = { minIntervalSeconds: 60, now: 1_000_000 };
  assert.ok(shouldAnnouncePosition({ ...base, lastAnnouncedAt: null, lastPosition: null, position: 4 }));
  assert.not.ok(shouldAnnouncePosition({ ...base, lastAnnouncedAt: 0, lastPosition: 4, position: 4 }), 'same position');
  assert.not.ok(shouldAnnouncePosition({ ...base, lastAnnouncedAt: base.now - 59_000, lastPosition: 4, position: 3 }), 'too soon');
  assert.ok(shouldAnnouncePosition({ ...base, lastAnnouncedAt: base.now - 60_000, lastPosition: 4, position: 3 }));
});

const queue: QueueDocument = {
  kind: 'Queue',
  id: 'default',
  positionMessage: "{{ customer.name }}, you're number {{ queue.position }}, about {{ queue.waitMinutes }} min.",
  maxWait: { minutes: 30, then: 'sorry' },
};

test('the position message renders with the flow scope plus queue', () => {
  assert.is(renderPositionMessage(queue, 2, 6, { customer: { name: 'Somchai' } }), "Somchai, you're number 2, about 6 min.");
  assert.is(renderPositionMessage({ kind: 'Queue', id: 'quiet' }, 2, 6, {}), null);
});

test('the max wait is exceeded once the customer waited that long; a queue without one never is', () => {
  assert.not.ok(maxWaitExceeded(0, 29 * 60_000, queue));
  assert.ok(maxWaitExceeded(0, 30 * 60_000, queue));
  assert.not.ok(maxWaitExceeded(0, 1e12, { kind: 'Queue', id: 'patient' }));
});

test.run();
