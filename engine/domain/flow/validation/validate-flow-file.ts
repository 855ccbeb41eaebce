/**
 * One flow file: YAML syntax first, then each document (several per file with `---`) against the
 * schema of its kind. A document with any problem is left out of the set, so later checks never see
 * half-valid data.
 */
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import { checkDocument } from './check-document.ts';
import type { FlowProblem } from './flow-problem.ts';
import type { KindValidators } from './kind-validators.ts';
import type { LocatedDocument } from './located-document.ts';
import { YamlLocator } from './yaml-locator.ts';

export interface FlowFileResult {
  documents: LocatedDocument[];
  problems: FlowProblem[];
}

function syntaxProblem(file: string, source: string, lines: LineCounter, error: YAMLError): FlowProblem {
  const { line, col } = lines.linePos(error.pos[0]);
  if (error.code === 'DUPLICATE_KEY') {
    const key = (/^[^:\n]*/.exec(source.slice(error.pos[0]))?.[0] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
    return { file, line, col, pointer: '', code: 'yaml-duplicate-key', message: `key ${key ? `"${key}" ` : ''}appears twice in the same mapping` };
  }
  return { file, line, col, pointer: '', code: 'yaml-syntax', message: error.message.split('\n')[0] ?? 'YAML syntax error' };
}

export function validateFlowFile(file: string, source: string, kindValidators: KindValidators): FlowFileResult {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const result: FlowFileResult = { documents: [], problems: [] };
  for (const doc of Array.isArray(parsed) ? parsed : []) {
    if (doc.errors.length > 0) {
      // after the first real syntax error the parser is guessing; what follows is mostly its echo
      const firstOther = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
      const shown = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstOther);
      result.problems.push(...shown.map((error) => syntaxProblem(file, source, lines, error)));
      continue;
    }
    const site = { file, locator: new YamlLocator(doc, lines, source) };
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (error) {
      const { line, col } = lines.linePos(doc.range[0]);
      result.problems.push({ file, line, col, pointer: '', code: 'yaml-syntax', message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    // a `---` at the end of a file, or a document of comments only: nothing to check
    if (value === null || value === undefined) continue;
    const checked = checkDocument(value, site, kindValidators);
    result.problems.push(...checked.problems);
    if (checked.document) result.documents.push({ ...site, document: checked.document });
  }
  return result;
}
