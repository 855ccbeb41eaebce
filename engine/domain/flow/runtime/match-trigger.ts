/**
 * Trigger matching. Keywords compare after NFKC and case folding (normalizeText), so "ＡＧＥＮＴ",
 * "Agent" and "agent" are one word and Thai matches as typed. Regular expressions run on the NFKC
 * text with the trigger's own flags; their groups become vars.match.
 */
import type { KeywordMatch, Trigger } from '../flow-document.ts';
import type { FlowEvent } from '../flow-event.ts';
import { normalizeText } from './normalize-text.ts';
import { flowRegex } from './regex-cache.ts';

// A "word" is delimited by anything that is not a letter, mark or digit. Thai is written without
// spaces between words, so a Thai keyword in "word" mode matches like "contains".
const WORD_BOUNDARY = /[^\p{L}\p{M}\p{N}]+/u;
const THAI = /\p{Script=Thai}/u;

const normalizedKeywords = new Map<string, string>();
function normalizedKeyword(keyword: string): string {
  let normalized = normalizedKeywords.get(keyword);
  if (normalized === undefined) {
    normalized = normalizeText(keyword);
    normalizedKeywords.set(keyword, normalized);
  }
  return normalized;
}

function keywordMatches(text: string, keyword: string, match: KeywordMatch): boolean {
  const needle = normalizedKeyword(keyword);
  if (needle === '') return false;
  if (match === 'exact') return text === needle;
  if (match === 'contains') return text.includes(needle);
  if (THAI.test(needle)) return text.includes(needle);
  // a multi-word keyword ("talk to human") matches as a run of whole words
  return ` ${text.split(WORD_BOUNDARY).join(' ')} `.includes(` ${needle.split(WORD_BOUNDARY).join(' ')} `);
}

export type TriggerMatch = { matched: false } | { matched: true; groups: string[] | null };

const NO_MATCH: TriggerMatch = { matched: false };

/** Whether the trigger's matcher (not its `when` guard) accepts the event; regex groups when it has them. */
export function matchTrigger(trigger: Trigger, event: FlowEvent): TriggerMatch {
  if (trigger.keyword) {
    if (event.kind !== 'message' || event.text === null) return NO_MATCH;
    const text = normalizeText(event.text);
    const mode = trigger.keyword.match ?? 'contains';
    return trigger.keyword.any.some((k) => keywordMatches(text, k, mode)) ? { matched: true, groups: null } : NO_MATCH;
  }
  if (trigger.regex) {
    if (event.kind !== 'message' || event.text === null) return NO_MATCH;
    const found = flowRegex(trigger.regex.pattern, trigger.regex.flags)?.exec(event.text.normalize('NFKC'));
    return found ? { matched: true, groups: Array.from(found, (group) => group ?? '') } : NO_MATCH;
  }
  if (trigger.postback) {
    if (event.kind !== 'postback') return NO_MATCH;
    const { data, prefix } = trigger.postback;
    const ok = (data === undefined || event.data === data) && (prefix === undefined || event.data.startsWith(prefix));
    return ok && (data !== undefined || prefix !== undefined) ? { matched: true, groups: null } : NO_MATCH;
  }
  if (trigger.event) return event.kind === trigger.event ? { matched: true, groups: null } : NO_MATCH;
  return NO_MATCH;
}

/** Keyword, regex and postback triggers answer something the customer said on purpose; event triggers catch all. */
export function isSpecific(trigger: Trigger): boolean {
  return trigger.keyword !== undefined || trigger.regex !== undefined || trigger.postback !== undefined;
}
