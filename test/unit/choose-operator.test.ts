import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chooseOperator, type OperatorCandidate } from '../../engine/domain/routing/choose-operator.ts';

const operator = (id: string, overrides: Partial<OperatorCandidate> = {}): OperatorCandidate => ({
  id,
  online: true,
  capacity: 3,
  activeCount: 0,
  skills: [],
  lastAssignedAt: null,
  ...overrides,
});
const anyone = { team: null, skills: [] };

test('round-robin picks whoever got a conversation longest ago, never-assigned first', () => {
  const team = [operator('a', { lastAssignedAt: 300 }), operator('b', { lastAssignedAt: 100 }), operator('c', { lastAssignedAt: 200 })];
  assert.is(chooseOperator('round-robin', team, anyone), 'b');
  assert.is(chooseOperator('round-robin', [...team, operator('d')], anyone), 'd');
});

test('least-busy picks the lowest share of capacity in use, ties by round-robin', () => {
  const team = [
    operator('a', { activeCount: 2, capacity: 4, lastAssignedAt: 1 }),
    operator('b', { activeCount: 1, capacity: 4, lastAssignedAt: 50 }),
    operator('c', { activeCount: 1, capacity: 1 }),
    operator('d', { activeCount: 1, capacity: 4, lastAssignedAt: 10 }),
  ];
  assert.is(chooseOperator('least-busy', team, anyone), 'd');
});

test('only online operators with a free slot and every needed skill are eligible', () => {
  const team = [
    operator('offline', { online: false, skills: ['billing'] }),
    operator('full', { activeCount: 3, skills: ['billing'] }),
    operator('thai-only', { skills: ['thai'] }),
    operator('billing', { skills: ['billing', 'thai'], lastAssignedAt: 5 }),
  ];
  assert.is(chooseOperator('round-robin', team, { team: null, skills: ['billing', 'thai'] }), 'billing');
  assert.is(chooseOperator('round-robin', team, { team: null, skills: ['japanese'] }), null);
});

test('a team need keeps to its members; operators without teams take any team', () => {
  const team = [operator('support', { teams: ['support'] }), operator('billing', { teams: ['billing'], lastAssignedAt: 9 }), operator('floater', { lastAssignedAt: 10 })];
  assert.is(chooseOperator('round-robin', team, { team: 'billing', skills: [] }), 'billing');
  assert.is(chooseOperator('round-robin', team.slice(0, 1).concat(team.slice(2)), { team: 'billing', skills: [] }), 'floater');
  assert.is(chooseOperator('round-robin', [], anyone), null);
});

test.run();
