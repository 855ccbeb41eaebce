/** A document that passed its schema, with what it takes to point at any place in it. */
import type { FlowSetDocument } from '../flow-document.ts';
import type { FlowProblem } from './flow-problem.ts';
import type { YamlLocator } from './yaml-locator.ts';

export interface DocumentSite {
  file: string;
  locator: YamlLocator;
}

export interface LocatedDocument<D extends FlowSetDocument = FlowSetDocument> extends DocumentSite {
  document: D;
}

/** A problem at `pointer` in the document (at its key when `atKey`). */
export function problemAt(site: DocumentSite, pointer: string, code: string, message: string, atKey = false): FlowProblem {
  return { file: site.file, ...site.locator.locate(pointer, atKey), pointer, code, message };
}

/** `file:line:col` of `pointer` in the document, for messages that point back at another place. */
export function positionOf(site: DocumentSite, pointer: string): string {
  const { line, col } = site.locator.locate(pointer);
  return `${site.file}:${line}:${col}`;
}
