/** Reads flow files from a folder and validates them as one set. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FlowDocument } from '../../domain/flow/flow-document.ts';
import type { FlowProblem } from '../../domain/flow/validation/flow-problem.ts';
import { validateFlowFile } from '../../domain/flow/validation/validate-flow-file.ts';

export interface FlowSource {
  /** path relative to the flows folder, as shown in problems */
  file: string;
  source: string;
}

export interface FlowSet {
  /** the Flow every customer event runs through */
  entry: FlowDocument;
}

export type FlowSetResult = { ok: true; set: FlowSet; sources: FlowSource[] } | { ok: false; problems: FlowProblem[] };

export async function readFlowSources(dir: string): Promise<FlowSource[]> {
  const names = (await fs.readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({ file: path.join(dir, name), source: await fs.readFile(path.join(dir, name), 'utf8') })),
  );
}

export function validateFlowSet(sources: FlowSource[]): FlowSetResult {
  const problems: FlowProblem[] = [];
  const flows: { flow: FlowDocument; file: string }[] = [];
  for (const { file, source } of sources) {
    const result = validateFlowFile(file, source);
    problems.push(...result.problems);
    if (result.flow) flows.push({ flow: result.flow, file });
  }
  if (problems.length > 0) return { ok: false, problems };
  const [first, second] = flows;
  if (!first) {
    return { ok: false, problems: [{ file: sources[0]?.file ?? '(flows)', line: 1, col: 1, pointer: '', code: 'no-flow', message: 'no kind: Flow document found' }] };
  }
  if (second) {
    // One entry flow until the DSL grows sub-flows (issue: Flow DSL v1).
    return { ok: false, problems: [{ file: second.file, line: 1, col: 1, pointer: '', code: 'second-flow', message: `only one Flow per set for now; "${first.flow.id}" is in ${first.file}` }] };
  }
  return { ok: true, set: { entry: first.flow }, sources };
}
