/**
 * `baton validate [dir]`: checks a flows folder with the engine's own validator. Problems go to
 * stderr as `file:line:col: message [code] (at /pointer)`, one per line, then exit 1; a clean set
 * gets one summary line on stdout and exit 0.
 */
import path from 'node:path';
import type { FlowSet } from '../domain/flow/flow-set.ts';
import { formatProblem } from '../domain/flow/validation/flow-problem.ts';
import { validateFlowSources } from '../domain/flow/validation/validate-flow-sources.ts';
import { readFlowSources } from '../services/flows/flow-set.ts';
import { richMenuImageProblems } from '../services/rich-menus/rich-menu-image-problems.ts';
import { builtInStepKinds, stepKindSchemas } from '../../plugins/built-in-plugins.ts';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(dir: string, files: number, set: FlowSet): string {
  // the shared Flow first, then each channel's own, e.g. `Flow "shop" for shop-th, shop-en (…)`
  const flows = set.flows.map(({ flow }) => {
    const channels = flow.channels ? ` for ${flow.channels.join(', ')}` : '';
    return `Flow "${flow.id}"${channels} (${count(flow.triggers.length, 'trigger')}, ${count(flow.steps.length, 'step')}, ${count(flow.tests?.length ?? 0, 'test')})`;
  });
  const parts = [
    ...flows,
    count(set.calendars.size, 'BusinessHours', 'BusinessHours'),
    count(set.queues.size, 'Queue'),
    count(set.routing.size, 'RoutingRules', 'RoutingRules'),
    count(set.canned.size, 'canned response'),
    count(set.surveys.size, 'Survey'),
    count(set.autoClose ? 1 : 0, 'AutoClose', 'AutoClose'),
    ...(set.richMenus.size > 0 ? [count(set.richMenus.size, 'RichMenu')] : []),
  ];
  return `${dir}: OK, ${count(files, 'file')}: ${parts.join(', ')}`;
}

export async function runValidateCommand(dir: string, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let sources;
  try {
    // shown relative to where the command runs, like the engine's start-up errors
    sources = (await readFlowSources(dir)).map((s) => ({ file: path.relative(process.cwd(), s.file) || s.file, source: s.source }));
  } catch (error) {
    err.write(`${dir}: cannot read the flows folder (${error instanceof Error ? error.message : String(error)})\n`);
    return 1;
  }
  if (sources.length === 0) {
    err.write(`${dir}: no flow files (*.yaml, *.yml) found\n`);
    return 1;
  }
  const { set, problems } = validateFlowSources(sources, { pluginStepKinds: stepKindSchemas(builtInStepKinds), fileProblems: richMenuImageProblems(dir) });
  if (!set) {
    for (const problem of problems) err.write(`${formatProblem(problem)}\n`);
    err.write(`${dir}: ${count(problems.length, 'problem')}\n`);
    return 1;
  }
  out.write(`${summary(dir, sources.length, set)}\n`);
  return 0;
}
