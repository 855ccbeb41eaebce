/** queuePositions: the place in line operators see and customers are told. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queuePositions } from '../../engine/domain/queue/queue-positions.ts';

test('counts each queue on its own, in the serving order given', () => {
  const positions = queuePositions([
    { id: 'a', queue_id: 'billing' },
    { id: 'b', queue_id: 'support' },
    { id: 'c', queue_id: 'billing' },
    { id: 'd', queue_id: null },
    { id: 'e', queue_id: null },
  ]);
  assert.equal([...positions], [['a', 1], ['b', 1], ['c', 2], ['d', 1], ['e', 2]]);
});

test('nobody waiting: no positions', () => {
  assert.is(queuePositions([]).size, 0);
});

test.run();
