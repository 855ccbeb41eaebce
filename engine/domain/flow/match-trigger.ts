import type { FlowEvent } from './flow-event.ts';
import type { KeywordMatch, Trigger } from './flow-document.ts';
import { normalizeText } from './runtime/normalize-text.ts';

// A "word" is delimited by anything that is not a letter, mark or digit; Thai is written without
// spaces, so for Thai keywords "word" behaves like "contains".
const wordBoundary = /[^\p{L}\p{M}\p{N}]+/u;

function keywordMatches(text: string, keyword: string, match: KeywordMatch): boolean {
  const needle = normalizeText(keyword);
  if (match === 'exact') return text === needle;
  if (match === 'contains') return text.includes(needle);
  return text.split(wordBoundary).includes(needle) || (/\p{Script=Thai}/u.test(needle) && text.includes(needle));
}

export function triggerMatches(trigger: Trigger, event: FlowEvent): boolean {
  if (trigger.keyword) {
    if (event.kind !== 'message' || event.text === null) return false;
    const text = normalizeText(event.text);
    const match = trigger.keyword.match ?? 'contains';
    return trigger.keyword.any.some((keyword) => keywordMatches(text, keyword, match));
  }
  if (trigger.postback) return event.kind === 'postback' && event.data === trigger.postback.data;
  if (trigger.event) return event.kind === trigger.event;
  return false;
}

/** The first trigger that matches; during a human chat only triggers marked duringHuman count. */
export function findTrigger(triggers: Trigger[], event: FlowEvent, withHuman: boolean): Trigger | undefined {
  return triggers.find((trigger) => (!withHuman || trigger.duringHuman === true) && triggerMatches(trigger, event));
}
