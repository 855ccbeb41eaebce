/**
 * Reading a survey score out of an event: a tap on the survey's quick replies (postback
 * `csat:<surveyId>:<score>`), or the score typed as a digit, also full-width (５) or Thai (๕), or a
 * label typed out. Anything else is not an answer.
 */
import type { FlowEvent } from '../flow-event.ts';
import type { SurveyDocument } from '../flow-document.ts';
import { normalizeText } from '../runtime/normalize-text.ts';

const PREFIX = 'csat:';
const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** The postback data of the quick reply for `score`. */
export function surveyPostback(surveyId: string, score: number): string {
  return `${PREFIX}${surveyId}:${score}`;
}

export function surveyLabels(survey: SurveyDocument): string[] {
  return survey.labels ? [...survey.labels] : ['1', '2', '3', '4', '5'];
}

function validScore(score: number): number | null {
  return Number.isInteger(score) && score >= 1 && score <= 5 ? score : null;
}

export function scoreFromEvent(survey: SurveyDocument, event: FlowEvent): number | null {
  if (event.kind === 'postback') {
    const prefix = `${PREFIX}${survey.id}:`;
    return event.data.startsWith(prefix) ? validScore(Number(event.data.slice(prefix.length))) : null;
  }
  if (event.kind !== 'message' || event.text === null) return null;
  // NFKC turns full-width digits into ASCII; Thai digits are letters of their own and need a map
  const text = normalizeText(event.text).replace(/[๐-๙]/gu, (d) => String(THAI_DIGITS.indexOf(d)));
  if (/^[1-5]$/.test(text)) return Number(text);
  const label = surveyLabels(survey).findIndex((l) => normalizeText(l) === text);
  return label >= 0 ? label + 1 : null;
}
