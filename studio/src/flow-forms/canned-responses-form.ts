/**
 * The canned responses form's model: a collection as table rows, each with its text in the default
 * language and a variant per language (chosen by the customer's LINE language).
 */
import { msg, str } from '@lit/localize';
import { FormInputError } from './form-input-error.ts';
import { syncYamlValue } from './sync-yaml-value.ts';
import { isRecord, readDocument, stringOr, stringsIn } from './yaml-form-document.ts';
import { YamlTextEdit } from './yaml-text-edit.ts';

export interface CannedVariant {
  language: string;
  text: string;
}

export interface CannedRow {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  variants: CannedVariant[];
  tags: string[];
}

export function readCannedForm(text: string, index: number): CannedRow[] {
  const data = readDocument(text, index, 'CannedResponses');
  const responses = Array.isArray(data.responses) ? data.responses.filter(isRecord) : [];
  return responses.map((response) => ({
    id: stringOr(response.id),
    shortcut: stringOr(response.shortcut),
    title: stringOr(response.title),
    text: stringOr(response.text),
    variants: Object.entries(isRecord(response.variants) ? response.variants : {}).map(([language, variant]) => ({ language, text: stringOr(variant) })),
    tags: stringsIn(response.tags),
  }));
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SHORTCUT = /^\/[a-z0-9][a-z0-9-]{0,30}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function message(value: string, what: string): string {
  if (!value.trim()) throw new FormInputError(msg(str`${what}: it is empty`));
  if (value.length > 5000) throw new FormInputError(msg(str`${what}: LINE allows 5000 characters (it has ${value.length})`));
  return value;
}

function variantsOf(row: CannedRow, where: string): Record<string, string> | undefined {
  const variants: Record<string, string> = {};
  for (const [i, variant] of row.variants.entries()) {
    const language = variant.language.trim();
    const what = msg(str`${where}, variant ${i + 1}`, { desc: "where an input error is: a canned response, then one of its texts in another language" });
    if (!LANGUAGE.test(language)) throw new FormInputError(msg(str`${what}: "${language}" is not a language code; write it as LINE reports it, e.g. th, en, ja, zh-TW`));
    if (Object.hasOwn(variants, language)) throw new FormInputError(msg(str`${what}: there is already a ${language} variant`));
    variants[language] = message(variant.text, msg(str`${where}, ${language} text`, { desc: "where an input error is: a canned response, then its text in a language code (th, en)" }));
  }
  return row.variants.length ? variants : undefined;
}

const responseRow = (row: number) => msg(str`Response ${row}`, { desc: 'a row of the canned responses table, naming where an input error is' });

/** One row as the response it writes, kept on top of what the document had (keys the form does not show stay). */
function responseOf(row: CannedRow, i: number, before: Record<string, unknown> | undefined): Record<string, unknown> {
  const id = row.id.trim();
  const where = id ? msg(str`Response ${i + 1} (${id})`, { desc: 'a row of the canned responses table, with its id' }) : responseRow(i + 1);
  if (!ID.test(id)) throw new FormInputError(msg(str`${where}: the id must be lower-case letters, digits and dashes, e.g. after-hours`));
  const shortcut = row.shortcut.trim();
  if (shortcut && !SHORTCUT.test(shortcut)) throw new FormInputError(msg(str`${where}: the shortcut is / then lower-case letters, digits or dashes, e.g. /hours`));
  const title = row.title.trim();
  if (!title) throw new FormInputError(msg(str`${where}: the title is empty`));
  if (title.length > 100) throw new FormInputError(msg(str`${where}: the title has ${title.length} characters, at most 100`));
  const tags = row.tags.map((tag) => tag.trim()).filter(Boolean);
  // in the schema's order: a key the response did not have goes in its place among the others
  return {
    id,
    shortcut: shortcut || undefined,
    title,
    // an image or flex message (kept from the YAML; the form does not edit them) may be all a response sends
    text: !row.text.trim() && (before?.image !== undefined || before?.flex !== undefined) ? undefined : message(row.text, msg(str`${where}, text`, { desc: "where an input error is: a canned response's text" })),
    variants: variantsOf(row, where),
    tags: tags.length || Array.isArray(before?.tags) ? [...new Set(tags)] : undefined,
  };
}

/**
 * The document's text with the rows in it. Rows are matched to the document's responses by
 * position, so `rows` is the list read by readCannedForm with rows edited, removed or added at the end.
 */
export function writeCannedForm(text: string, index: number, rows: readonly CannedRow[]): string {
  const current = readDocument(text, index, 'CannedResponses');
  const before = Array.isArray(current.responses) ? current.responses : [];
  if (rows.length === 0) throw new FormInputError(msg('A collection needs at least one response'));
  const responses = rows.map((row, i) => {
    const old: unknown = before[i];
    return responseOf(row, i, isRecord(old) && old.id === row.id.trim() ? old : undefined);
  });
  const seen = new Map<unknown, number>();
  responses.forEach((response, i) => {
    const first = seen.get(response.id);
    if (first !== undefined) throw new FormInputError(msg(str`${responseRow(i + 1)}: the id "${String(response.id)}" is already response ${first + 1}'s`));
    seen.set(response.id, i);
  });
  const edit = new YamlTextEdit(text, index);
  // a response is a block of its own; its tags read as one line, `tags: [greeting]`
  syncYamlValue(edit, [], current, { ...current, responses }, (path) => path[path.length - 1] === 'tags' || path[path.length - 2] === 'tags');
  return edit.text;
}
