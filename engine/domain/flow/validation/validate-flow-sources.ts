/**
 * The flow set validator as the engine and the CLI run it: the schemas compiled with ajv at
 * start-up and the plugins' step kinds checked. The checks themselves are validate-flow-set.ts,
 * which the studio runs too.
 */
import { pluginStepProblems, type PluginStepKinds } from './check-plugin-steps.ts';
import type { FlowProblem } from './flow-problem.ts';
import { kindValidators } from './flow-schemas.ts';
import type { SetIndex } from './index-documents.ts';
import { validateFlowSet, type FlowSetValidation, type FlowSource } from './validate-flow-set.ts';

export type { FlowSetValidation, FlowSource };

export interface ValidateFlowOptions {
  /** step kinds registered by plugins, with the JSON Schema of their `with`; none when absent */
  pluginStepKinds?: PluginStepKinds;
  /** checks of the files the set names (rich menu images), which need I/O: given by the engine and the CLI */
  fileProblems?: (index: SetIndex) => FlowProblem[];
}

/**
 * @example
 * const { set, problems } = validateFlowSources([{ file: 'flows/support.yaml', source }]);
 * if (!set) for (const p of problems) console.error(formatProblem(p));
 */
export function validateFlowSources(sources: readonly FlowSource[], options: ValidateFlowOptions = {}): FlowSetValidation {
  const pluginStepKinds = options.pluginStepKinds ?? new Map();
  return validateFlowSet(sources, {
    kindValidators,
    pluginStepProblems: (index) => pluginStepProblems(index, pluginStepKinds),
    ...(options.fileProblems ? { fileProblems: options.fileProblems } : {}),
  });
}
