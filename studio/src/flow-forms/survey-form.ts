/** The CSAT survey form's model: the texts a Survey document says, and its two numbers. */
import { msg, str } from '@lit/localize';
import { FormInputError } from './form-input-error.ts';
import { syncYamlValue } from './sync-yaml-value.ts';
import { isRecord, readDocument, stringOr, stringsIn } from './yaml-form-document.ts';
import { YamlTextEdit } from './yaml-text-edit.ts';

export interface SurveyForm {
  question: string;
  /** the five quick-reply labels, lowest score first; empty for the default 1 to 5 */
  labels: string[];
  /** the request for a comment; empty for none */
  commentAsk: string;
  /** ask for a comment only below this score (2-5); empty for every score */
  onlyBelow: string;
  thanks: string;
  /** minutes after which an answer is an ordinary message; empty for the default (1440) */
  expiresAfterMinutes: string;
}

const numberText = (value: unknown) => (typeof value === 'number' ? String(value) : '');

export function readSurveyForm(text: string, index: number): SurveyForm {
  const data = readDocument(text, index, 'Survey');
  const comment = isRecord(data.comment) ? data.comment : {};
  return {
    question: stringOr(data.question),
    labels: stringsIn(data.labels),
    commentAsk: stringOr(comment.ask),
    onlyBelow: numberText(comment.onlyBelow),
    thanks: stringOr(data.thanks),
    expiresAfterMinutes: numberText(data.expiresAfterMinutes),
  };
}

function text(value: string, what: string, max = 5000): string {
  if (!value.trim()) throw new FormInputError(msg(str`${what}: it is empty`));
  if (value.length > max) throw new FormInputError(msg(str`${what}: at most ${max} characters (it has ${value.length})`));
  return value;
}

function whole(value: string, what: string, min: number, max: number): number | undefined {
  if (!value.trim()) return undefined;
  const number = Number(value.trim());
  if (!Number.isInteger(number) || number < min || number > max) throw new FormInputError(msg(str`${what}: "${value}" is not a whole number from ${min} to ${max}`));
  return number;
}

export function writeSurveyForm(source: string, index: number, form: SurveyForm): string {
  const current = readDocument(source, index, 'Survey');
  const labels = form.labels.map((label) => label.trim());
  if (labels.some(Boolean) && (labels.length !== 5 || labels.some((label) => !label))) {
    throw new FormInputError(msg('Labels: fill in all five (lowest score first) or none for 1 to 5'));
  }
  labels.forEach((label, i) => {
    if (label.length > 20) throw new FormInputError(msg(str`Label ${i + 1}: LINE allows 20 characters (it has ${label.length})`));
  });
  const onlyBelow = whole(form.onlyBelow, msg('Ask for a comment below'), 2, 5);
  if (onlyBelow !== undefined && !form.commentAsk.trim()) throw new FormInputError(msg('Comment: write the request for a comment, or clear "below"'));
  const comment = form.commentAsk.trim() ? { ask: text(form.commentAsk, msg('Comment request')), onlyBelow } : undefined;
  // in the schema's order: a key the survey did not have goes in its place among the others
  const next = {
    kind: current.kind,
    id: current.id,
    question: text(form.question, msg('Question', { desc: 'the CSAT survey question (a field)' })),
    labels: labels.some(Boolean) ? labels : undefined,
    comment,
    thanks: text(form.thanks, msg('Thank-you', { desc: "the survey's thank-you message (a field)" })),
    expiresAfterMinutes: whole(form.expiresAfterMinutes, msg('Answers expire after'), 1, 43200),
  };
  const edit = new YamlTextEdit(source, index);
  syncYamlValue(edit, [], current, next, (path) => path[0] === 'labels');
  return edit.text;
}
