/**
 * The one validator of a flow set, used by the engine at start-up, the CLI and the studio editor.
 * In order: YAML syntax and each document's schema (every file, so one run shows every such
 * problem), then, once every document is sound, the set: one Flow, unique ids, every reference and
 * plugin step. Problems come back sorted, each as `file:line:col: message [code]`.
 */
import type { FlowSet } from '../flow-set.ts';
import { buildFlowSet } from './build-flow-set.ts';
import { pluginStepProblems, type PluginStepKinds } from './check-plugin-steps.ts';
import { referenceProblems } from './check-references.ts';
import type { FlowProblem } from './flow-problem.ts';
import { indexDocuments } from './index-documents.ts';
import { sortProblems } from './sort-problems.ts';
import { validateFlowFile } from './validate-flow-file.ts';

export interface FlowSource {
  /** the name problems show, e.g. flows/support.yaml */
  file: string;
  source: string;
}

export interface ValidateFlowOptions {
  /** step kinds registered by plugins, with the JSON Schema of their `with`; none when absent */
  pluginStepKinds?: PluginStepKinds;
}

export interface FlowSetValidation {
  set: FlowSet | null;
  problems: FlowProblem[];
}

/**
 * @example
 * const { set, problems } = validateFlowSources([{ file: 'flows/support.yaml', source }]);
 * if (!set) for (const p of problems) console.error(formatProblem(p));
 */
export function validateFlowSources(sources: readonly FlowSource[], options: ValidateFlowOptions = {}): FlowSetValidation {
  const files = sources.map(({ file, source }) => validateFlowFile(file, source));
  const fileProblems = files.flatMap((result) => result.problems);
  // references into a document that did not parse would all look unknown: fix the documents first
  if (fileProblems.length > 0) return { set: null, problems: sortProblems(fileProblems) };
  const { index, problems } = indexDocuments(files.flatMap((result) => result.documents));
  if (index.flows.length === 0) {
    problems.push({ file: sources[0]?.file ?? '(no flow files)', line: 1, col: 1, pointer: '', code: 'no-flow', message: 'the set has no Flow document (kind: Flow)' });
  }
  problems.push(...referenceProblems(index), ...pluginStepProblems(index, options.pluginStepKinds ?? new Map()));
  if (problems.length > 0) return { set: null, problems: sortProblems(problems) };
  return { set: buildFlowSet(index), problems: [] };
}
