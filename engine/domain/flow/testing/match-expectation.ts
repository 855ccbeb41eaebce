/** Whether one action satisfies one `expect:` entry of a flow test (every field given must hold). */
import type { FlowAction } from '../flow-action.ts';
import type { FlowTestExpectation } from '../flow-document.ts';

const includesAll = (have: readonly string[], want: readonly string[] | undefined) => (want ?? []).every((t) => have.includes(t));

export function matchesExpectation(expectation: FlowTestExpectation, action: FlowAction): boolean {
  const { say, handoff, tag, survey, csat } = expectation;
  if (say) {
    if (action.type !== 'say') return false;
    const text = action.message.type === 'text' ? action.message.text : action.message.type === 'flex' ? action.message.altText : '';
    if (say.text !== undefined && text !== say.text) return false;
    if (say.contains !== undefined && !text.includes(say.contains)) return false;
    return say.canned === undefined || action.canned === say.canned;
  }
  if (handoff) {
    if (action.type !== 'handoff') return false;
    if (handoff.queue !== undefined && action.queue !== handoff.queue) return false;
    if (handoff.team !== undefined && action.routing.team !== handoff.team) return false;
    return handoff.priority === undefined || action.routing.priority === handoff.priority;
  }
  if (tag) return action.type === 'tag' && includesAll(action.add, tag.add) && includesAll(action.remove, tag.remove);
  if (survey) return action.type === 'survey' && action.surveyId === survey.id;
  if (csat) return action.type === 'csat' && action.score === csat.score;
  return false;
}
