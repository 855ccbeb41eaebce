/**
 * Plugin steps: `use` must name a step kind some plugin registered, and `with` must satisfy that
 * kind's schema fragment. Problems point into the flow file like any other schema problem.
 */
import { didYouMean } from './did-you-mean.ts';
import { pluginWithValidator } from './flow-schemas.ts';
import type { FlowProblem } from './flow-problem.ts';
import { pointer } from './json-pointer.ts';
import type { SetIndex } from './index-documents.ts';
import { problemAt } from './located-document.ts';
import { schemaProblems } from './schema-problems.ts';

/** Step kind -> JSON Schema of its `with` object, as plugins registered them. */
export type PluginStepKinds = ReadonlyMap<string, object>;

export function pluginStepProblems(index: SetIndex, kinds: PluginStepKinds): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const flow of index.flows) {
    flow.document.steps.forEach((step, i) => {
      if (!step.plugin) return;
      const { use } = step.plugin;
      const schema = kinds.get(use);
      if (!schema) {
        const none = kinds.size === 0 ? '; no plugin step kinds are registered' : `; registered: ${[...kinds.keys()].join(', ')}`;
        problems.push(problemAt(flow, pointer('steps', i, 'plugin', 'use'), 'unknown-plugin-step', `no plugin registers the step kind "${use}"${didYouMean(use, kinds.keys())}${none}`));
        return;
      }
      const validate = pluginWithValidator(schema);
      if (validate instanceof Error) {
        problems.push(problemAt(flow, pointer('steps', i, 'plugin', 'use'), 'plugin-schema', `the plugin's schema for "${use}" does not compile: ${validate.message}`));
        return;
      }
      const settings = step.plugin.with ?? {};
      if (!validate(settings)) {
        problems.push(...schemaProblems(validate.errors ?? [], { file: flow.file, locator: flow.locator, data: settings, base: pointer('steps', i, 'plugin', 'with') }));
      }
    });
  }
  return problems;
}
