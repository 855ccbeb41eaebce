/**
 * The one validator of a flow set, used by the engine at start-up, the CLI (both through
 * validate-flow-sources.ts) and the studio editor as you type (with the same schemas built into
 * code). In order: YAML syntax and each document's schema (every file, so one run shows every such
 * problem), then, once every document is sound, the set: one shared Flow and each channel's own, unique
 * ids, every reference and plugin step. Problems come back sorted, each as `file:line:col: message [code]`.
 *
 * Nothing here reaches for Node or compiles code at run time, so the browser runs it as it is.
 */
import type { FlowSet } from '../flow-set.ts';
import { buildFlowSet } from './build-flow-set.ts';
import { referenceProblems } from './check-references.ts';
import type { FlowProblem } from './flow-problem.ts';
import { indexDocuments, type SetIndex } from './index-documents.ts';
import type { KindValidators } from './kind-validators.ts';
import { sortProblems } from './sort-problems.ts';
import { validateFlowFile } from './validate-flow-file.ts';

export interface FlowSource {
  /** the name problems show, e.g. flows/support.yaml */
  file: string;
  source: string;
}

export interface FlowSetChecks {
  kindValidators: KindValidators;
  /**
   * The problems of the set's plugin steps. The engine knows its plugins; the studio does not, so
   * it leaves plugin steps to the server's validation on save and publish.
   */
  pluginStepProblems?: (index: SetIndex) => FlowProblem[];
  /**
   * The problems of files the set names (rich menu images). The engine and the CLI read them; the
   * studio cannot, so it leaves them to the server's validation on save and publish.
   */
  fileProblems?: (index: SetIndex) => FlowProblem[];
}

export interface FlowSetValidation {
  set: FlowSet | null;
  problems: FlowProblem[];
}

export function validateFlowSet(sources: readonly FlowSource[], checks: FlowSetChecks): FlowSetValidation {
  const files = sources.map(({ file, source }) => validateFlowFile(file, source, checks.kindValidators));
  const fileProblems = files.flatMap((result) => result.problems);
  // references into a document that did not parse would all look unknown: fix the documents first
  if (fileProblems.length > 0) return { set: null, problems: sortProblems(fileProblems) };
  const { index, problems } = indexDocuments(files.flatMap((result) => result.documents));
  if (index.flows.length === 0) {
    problems.push({ file: sources[0]?.file ?? '(no flow files)', line: 1, col: 1, pointer: '', code: 'no-flow', message: 'the set has no Flow document (kind: Flow)' });
  }
  problems.push(...referenceProblems(index), ...(checks.pluginStepProblems?.(index) ?? []), ...(checks.fileProblems?.(index) ?? []));
  if (problems.length > 0) return { set: null, problems: sortProblems(problems) };
  return { set: buildFlowSet(index), problems: [] };
}
