/**
 * The documents of a draft a form can edit: each of one kind (a BusinessHours calendar, a
 * CannedResponses collection, the Survey…), found by file and position in the file.
 */
import { msg, str } from '@lit/localize';
import { parseAllDocuments } from 'yaml';
import { documentAt } from './yaml-text-edit.ts';
import { FormInputError } from './form-input-error.ts';

export interface FormDocumentRef {
  file: string;
  /** the document's position in its file (files may hold several, separated by `---`) */
  index: number;
  /** the document's `id`, to tell several apart */
  id: string;
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.getOwnPropertyDescriptor(value, name)?.value : undefined;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strings of a list read from YAML; anything else in it is left out. */
export const stringsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export const stringOr = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** Every document of `kind` in the files, read leniently: a file that does not parse offers none. */
export function documentsOfKind(files: readonly { file: string; source: string }[], kind: string): FormDocumentRef[] {
  return files.flatMap(({ file, source }) => {
    const docs = parseAllDocuments(source);
    return (Array.isArray(docs) ? docs : []).flatMap((doc, index) => {
      if (doc.errors.length) return [];
      const data: unknown = doc.toJS();
      const id = field(data, 'id');
      return field(data, 'kind') === kind ? [{ file, index, id: typeof id === 'string' ? id : '' }] : [];
    });
  });
}

/** The plain data of a document, which must be a mapping of `kind`. */
export function readDocument(text: string, index: number, kind: string): Record<string, unknown> {
  const data: unknown = documentAt(text, index).toJS();
  if (!isRecord(data)) throw new FormInputError(msg(str`the document is not a ${kind} mapping`));
  if (data.kind !== kind) throw new FormInputError(msg(str`the document is a ${String(data.kind)}, not a ${kind}`));
  return data;
}
