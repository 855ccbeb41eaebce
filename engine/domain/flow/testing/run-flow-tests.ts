/**
 * Runs the `tests:` of every Flow of a set in-process on the real runtime (`baton test`, the studio
 * simulator, npm test). Expectations match as an ordered subsequence of every action the inputs
 * produced: each one after the previous match; `nothing` means no action after the previous match.
 * A test runs as a customer of its `channel` (that channel's Flow answers: its own or the shared one);
 * without one, the Flow it is written in answers, as its first channel (`default` for the shared Flow).
 */
import type { FlowAction } from '../flow-action.ts';
import type { FlowTest } from '../flow-document.ts';
import { DEFAULT_CHANNEL_ID } from '../../../contracts/channels.ts';
import type { FlowSet, SetFlow } from '../flow-set.ts';
import { setForChannel, setForFlow } from '../set-for-channel.ts';
import { describeActions, describeExpectation } from './describe-action.ts';
import { FlowTestSession } from './flow-test-session.ts';
import { matchesExpectation } from './match-expectation.ts';

export interface FlowTestResult {
  name: string;
  /** position in the Flow's `tests:` list, to point at it in the file */
  index: number;
  /** the file of the Flow the test is written in */
  file: string;
  /** the id of the Flow the test is written in */
  flow: string;
  /** the channel the test's customer wrote to */
  channel: string;
  /** the id of the Flow that answered (the channel's) */
  ranFlow: string;
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

export function runFlowTest(set: FlowSet, test: FlowTest, index: number, written: SetFlow = set.shared): FlowTestResult {
  const channel = test.channel ?? written.flow.channels?.[0] ?? DEFAULT_CHANNEL_ID;
  const running = test.channel === undefined ? setForFlow(set, written) : setForChannel(set, test.channel);
  const result = { name: test.name, index, file: written.file, flow: written.flow.id, channel, ranFlow: running.entry.id };
  const start = Date.parse(test.clock ?? DEFAULT_TEST_CLOCK);
  if (Number.isNaN(start)) {
    return { ...result, passed: false, failure: `clock "${test.clock ?? ''}" is not an ISO date-time`, actions: [] };
  }
  const session = new FlowTestSession(running, start, {
    id: 'test-customer',
    name: test.customer?.name ?? DEFAULT_TEST_CUSTOMER.name,
    language: test.customer?.language ?? DEFAULT_TEST_CUSTOMER.language,
    tags: [...(test.customer?.tags ?? [])],
    withHuman: false,
    following: true,
    channelId: channel,
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

/** The tests of every Flow of the set, the shared Flow's first, each in its written order. */
export function runFlowTests(set: FlowSet): FlowTestResult[] {
  return set.flows.flatMap((written) => (written.flow.tests ?? []).map((test, index) => runFlowTest(set, test, index, written)));
}
