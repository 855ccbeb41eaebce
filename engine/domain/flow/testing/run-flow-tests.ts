/**
 * Runs the `tests:` of a set's Flow in-process on the real runtime (`baton test`, the studio
 * simulator, npm test). Expectations match as an ordered subsequence of every action the inputs
 * produced: each one after the previous match; `nothing` means no action after the previous match.
 */
import type { FlowAction } from '../flow-action.ts';
import type { FlowTest } from '../flow-document.ts';
import type { FlowSet } from '../flow-set.ts';
import { describeActions, describeExpectation } from './describe-action.ts';
import { FlowTestSession } from './flow-test-session.ts';
import { matchesExpectation } from './match-expectation.ts';

export interface FlowTestResult {
  name: string;
  /** position in the Flow's `tests:` list, to point at it in the file */
  index: number;
  file: string;
  passed: boolean;
  /** which expectation failed and what was seen instead; null when passed */
  failure: string | null;
  actions: FlowAction[];
}

/** A test without `clock` starts here: Monday 2026-01-05 10:00 in Bangkok, inside most office hours. */
export const DEFAULT_TEST_CLOCK = '2026-01-05T10:00:00+07:00';
export const DEFAULT_TEST_CUSTOMER = { name: 'Test Customer', language: 'en' };

function checkExpectations(test: FlowTest, actions: FlowAction[]): string | null {
  let cursor = 0;
  for (const [i, expectation] of test.expect.entries()) {
    const label = `expectation ${i + 1} of ${test.expect.length} ${describeExpectation(expectation)}`;
    const rest = actions.slice(cursor);
    const seen = `${cursor > 0 ? `after expectation ${i}` : 'actions'}: ${describeActions(rest)}`;
    if (expectation.nothing) {
      if (rest.length > 0) return `${label} failed; ${seen}`;
      continue;
    }
    const found = rest.findIndex((action) => matchesExpectation(expectation, action));
    if (found < 0) return `${label} not met; ${seen}`;
    cursor += found + 1;
  }
  return null;
}

export function runFlowTest(set: FlowSet, test: FlowTest, index: number): FlowTestResult {
  const result = { name: test.name, index, file: set.entryFile };
  const start = Date.parse(test.clock ?? DEFAULT_TEST_CLOCK);
  if (Number.isNaN(start)) {
    return { ...result, passed: false, failure: `clock "${test.clock ?? ''}" is not an ISO date-time`, actions: [] };
  }
  const session = new FlowTestSession(set, start, {
    id: 'test-customer',
    name: test.customer?.name ?? DEFAULT_TEST_CUSTOMER.name,
    language: test.customer?.language ?? DEFAULT_TEST_CUSTOMER.language,
    tags: [...(test.customer?.tags ?? [])],
    withHuman: false,
    following: true,
  });
  try {
    test.send.forEach((input) => session.send(input));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...result, passed: false, failure: `the flow failed: ${reason}; actions so far: ${describeActions(session.actions)}`, actions: session.actions };
  }
  const failure = checkExpectations(test, session.actions);
  return { ...result, passed: failure === null, failure, actions: session.actions };
}

export function runFlowTests(set: FlowSet): FlowTestResult[] {
  return (set.entry.tests ?? []).map((test, index) => runFlowTest(set, test, index));
}
