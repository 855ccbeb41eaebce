/**
 * The handoff keywords form's model: the keyword triggers of the Flow that lead to a handoff (the
 * words a customer types to reach a person), their keywords and how they match.
 */
import { msg, str } from '@lit/localize';
import type { Step } from '../../../engine/domain/flow/flow-document.ts';
import { reachableSteps } from '../flow-graph/step-targets.ts';
import { FormInputError } from './form-input-error.ts';
import { syncYamlValue } from './sync-yaml-value.ts';
import { isRecord, readDocument, stringOr, stringsIn } from './yaml-form-document.ts';
import { YamlTextEdit } from './yaml-text-edit.ts';

export const KEYWORD_MATCHES = ['contains', 'word', 'exact'] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

export interface HandoffKeywords {
  /** the trigger's position in `triggers` */
  index: number;
  id: string;
  /** the step it starts */
  goto: string;
  keywords: string[];
  match: KeywordMatch;
}

const isStep = (value: unknown): value is Step => isRecord(value) && typeof value.id === 'string';
const isMatch = (value: unknown): value is KeywordMatch => KEYWORD_MATCHES.some((match) => match === value);

export function readHandoffKeywords(text: string, index: number): HandoffKeywords[] {
  const flow = readDocument(text, index, 'Flow');
  const steps = Array.isArray(flow.steps) ? flow.steps.filter(isStep) : [];
  const handoffs = new Set(steps.filter((step) => step.handoff !== undefined).map((step) => step.id));
  const triggers = Array.isArray(flow.triggers) ? flow.triggers : [];
  return triggers.flatMap((trigger: unknown, i) => {
    if (!isRecord(trigger) || !isRecord(trigger.keyword) || typeof trigger.goto !== 'string') return [];
    const leadsToHandoff = [...reachableSteps(steps, [trigger.goto])].some((id) => handoffs.has(id));
    if (!leadsToHandoff) return [];
    const match = trigger.keyword.match;
    return [{ index: i, id: stringOr(trigger.id), goto: trigger.goto, keywords: stringsIn(trigger.keyword.any), match: isMatch(match) ? match : 'contains' }];
  });
}

function checkKeywords(entry: HandoffKeywords): string[] {
  const where = msg(str`Trigger "${entry.id}"`, { desc: 'where an input error is: a keyword trigger of the flow, by its id' });
  const keywords = entry.keywords.map((keyword) => keyword.trim());
  if (keywords.length === 0) throw new FormInputError(msg(str`${where}: keep at least one keyword (remove the trigger in the YAML view instead)`));
  const seen = new Map<string, number>();
  keywords.forEach((keyword, i) => {
    if (!keyword) throw new FormInputError(msg(str`${where}, keyword ${i + 1}: it is empty`));
    if (keyword.length > 100) throw new FormInputError(msg(str`${where}, keyword ${i + 1}: at most 100 characters (it has ${keyword.length})`));
    // matched after NFKC and case folding, so AGENT and ＡＧＥＮＴ are the same keyword as agent
    const folded = keyword.normalize('NFKC').toLowerCase();
    const first = seen.get(folded);
    if (first !== undefined) throw new FormInputError(msg(str`${where}: "${keyword}" is already keyword ${first + 1}`));
    seen.set(folded, i);
  });
  return keywords;
}

export function writeHandoffKeywords(text: string, index: number, entries: readonly HandoffKeywords[]): string {
  const flow = readDocument(text, index, 'Flow');
  const triggers = Array.isArray(flow.triggers) ? flow.triggers : [];
  const edit = new YamlTextEdit(text, index);
  for (const entry of entries) {
    const trigger: unknown = triggers[entry.index];
    if (!isRecord(trigger) || !isRecord(trigger.keyword)) throw new FormInputError(msg(str`Trigger "${entry.id}" is no longer a keyword trigger: reload the form`));
    const keyword = trigger.keyword;
    const next = {
      ...keyword,
      any: checkKeywords(entry),
      // `contains` is the default: not written unless it was
      match: entry.match === 'contains' && keyword.match === undefined ? undefined : entry.match,
    };
    syncYamlValue(edit, ['triggers', entry.index, 'keyword'], keyword, next, () => true);
  }
  return edit.text;
}
