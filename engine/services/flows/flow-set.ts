/** Reads flow files from a folder and validates them as one set (the domain validator does the work). */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import type { FlowProblem } from '../../domain/flow/validation/flow-problem.ts';
import { validateFlowSources, type FlowSource, type ValidateFlowOptions } from '../../domain/flow/validation/validate-flow-sources.ts';

export type { FlowSet, FlowSource };

export type FlowSetResult = { ok: true; set: FlowSet; sources: FlowSource[] } | { ok: false; problems: FlowProblem[] };

/** The *.yaml and *.yml files of `dir`, sorted by name (the order problems are reported in). */
export async function readFlowSources(dir: string): Promise<FlowSource[]> {
  const names = (await fs.readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({ file: path.join(dir, name), source: await fs.readFile(path.join(dir, name), 'utf8') })),
  );
}

export function validateFlowSet(sources: FlowSource[], options: ValidateFlowOptions = {}): FlowSetResult {
  const { set, problems } = validateFlowSources(sources, options);
  return set ? { ok: true, set, sources } : { ok: false, problems };
}
