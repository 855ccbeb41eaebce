/** Whether a customer writing after the close comes back to their conversation (handoff reopenWithinMinutes). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { returnsToConversation } from '../../engine/domain/conversation/reopen-window.ts';
import { validateFlowSources } from '../../engine/domain/flow/validation/validate-flow-sources.ts';

const MIN = 60_000;
const closedAt = 1_000_000_000;
const closed = { closedAt, closeReason: 'closed-by-operator', reopenWithinMs: 30 * MIN };

test('within the window the customer comes back; a minute past it they start with the bot', () => {
  assert.ok(returnsToConversation(closed, 'none', closedAt + 30 * MIN));
  assert.not.ok(returnsToConversation(closed, 'none', closedAt + 31 * MIN));
});

test('never without the setting, after going back to the bot or blocking, or when the message answers the bot', () => {
  assert.not.ok(returnsToConversation({ ...closed, reopenWithinMs: null }, 'none', closedAt + MIN));
  assert.not.ok(returnsToConversation({ ...closed, closeReason: 'released-to-bot' }, 'none', closedAt + MIN));
  assert.not.ok(returnsToConversation({ ...closed, closeReason: 'customer-blocked' }, 'none', closedAt + MIN));
  assert.not.ok(returnsToConversation(closed, 'answer', closedAt + MIN), 'a survey score is the bot\'s');
  assert.ok(returnsToConversation(closed, 'other', closedAt + MIN), 'something else while the survey waits: they came back to talk');
  assert.ok(returnsToConversation({ ...closed, closeReason: 'inactive' }, 'none', closedAt + MIN), 'auto-closed for silence: coming back is the same chat');
});

const flow = (reopen: string) => `kind: Flow
id: f
triggers: [{ id: human, keyword: { any: [agent] }, goto: h }]
steps:
  - id: h
    handoff: { reopenWithinMinutes: ${reopen} }
`;

test('reopenWithinMinutes is a whole number of minutes from 1 to 7 days, checked by the flow validator', () => {
  assert.equal(validateFlowSources([{ file: 'f.yaml', source: flow('30') }]).problems, []);
  for (const bad of ['0', '10081', '1.5', '"30m"']) {
    const { problems } = validateFlowSources([{ file: 'f.yaml', source: flow(bad) }]);
    assert.ok(problems.some((p) => p.pointer.includes('reopenWithinMinutes')), `${bad} is refused`);
  }
});

test.run();
