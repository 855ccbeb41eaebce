import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { autoCloseStep } from '../../engine/domain/autoclose/auto-close-step.ts';

const MIN = 60_000;
const policy = { inactivityMinutes: 30, warnBeforeMinutes: 5 };
const silent = (minutes: number, warnedAfter: number | null = null) => ({
  lastCustomerAt: 0,
  lastOperatorAt: MIN,
  warnedAt: warnedAfter === null ? null : MIN + warnedAfter * MIN,
  now: MIN + minutes * MIN,
});

test('a silent customer is warned warnBeforeMinutes before the close, once, then closed', () => {
  assert.is(autoCloseStep(silent(24), policy), null);
  assert.is(autoCloseStep(silent(25), policy), 'warn');
  assert.is(autoCloseStep(silent(27, 25), policy), null, 'already warned');
  assert.is(autoCloseStep(silent(30, 25), policy), 'close');
});

test('a customer who answered after the operator is not closed', () => {
  assert.is(autoCloseStep({ lastCustomerAt: 2 * MIN, lastOperatorAt: MIN, warnedAt: null, now: 100 * MIN }, policy), null);
});

test('nothing happens before the operator has written', () => {
  assert.is(autoCloseStep({ lastCustomerAt: 0, lastOperatorAt: null, warnedAt: null, now: 100 * MIN }, policy), null);
});

test('a warning from an earlier silence does not count for this one', () => {
  const state = { lastCustomerAt: 0, lastOperatorAt: 60 * MIN, warnedAt: 20 * MIN, now: 86 * MIN };
  assert.is(autoCloseStep(state, policy), 'warn');
});

test('a late sweep warns first and closes only after the promised warning time', () => {
  assert.is(autoCloseStep(silent(45), policy), 'warn');
  assert.is(autoCloseStep(silent(47, 45), policy), null);
  assert.is(autoCloseStep(silent(50, 45), policy), 'close');
});

test('without a warning period the close comes at the inactivity limit', () => {
  const noWarning = { inactivityMinutes: 30, warnBeforeMinutes: 0 };
  assert.is(autoCloseStep(silent(29), noWarning), null);
  assert.is(autoCloseStep(silent(30), noWarning), 'close');
});

test.run();
