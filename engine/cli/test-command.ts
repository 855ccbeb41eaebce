/**
 * `baton test [dir]`: validates the flow folder, then runs the `tests:` of its Flows in-process on the
 * real runtime. Each failure is one line, `file:line:col: test "<name>": <what failed>`, pointing at
 * the test in the YAML; a summary line closes. Exit code 0 when every test passes. In a set with
 * several Flows (one per channel) each line also says `[channel → Flow that answered]`.
 */
import { formatProblem } from '../domain/flow/validation/flow-problem.ts';
import { runFlowTests, type FlowTestResult } from '../domain/flow/testing/run-flow-tests.ts';
import { builtInStepKinds, stepKindSchemas } from '../../plugins/built-in-plugins.ts';
import { readFlowSources, validateFlowSet } from '../services/flows/flow-set.ts';
import { locateFlowTests } from './test-locations.ts';

export async function runFlowTestsCommand(
  dir: string,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const sources = await readFlowSources(dir);
  const validated = validateFlowSet(sources, { pluginStepKinds: stepKindSchemas(builtInStepKinds) });
  if (!validated.ok) {
    for (const problem of validated.problems) err.write(`${formatProblem(problem)}\n`);
    err.write(`flows in ${dir} are invalid; no tests were run\n`);
    return 1;
  }
  const { set } = validated;
  const locate = (result: FlowTestResult) =>
    locateFlowTests(validated.sources.find((s) => s.file === result.file)?.source ?? '', result.flow)[result.index] ?? { line: 1, col: 1 };
  const results = runFlowTests(set);
  if (results.length === 0) {
    const flows = set.flows.map(({ flow }) => `"${flow.id}"`).join(', ');
    out.write(set.flows.length === 1 ? `${set.entryFile}: the flow ${flows} has no tests\n` : `${dir}: the flows ${flows} have no tests\n`);
    return 0;
  }
  // with one Flow the channel says nothing: every test ran it
  const where = (result: FlowTestResult) => (set.flows.length > 1 ? ` [${result.channel} → ${result.ranFlow}]` : '');
  for (const result of results) {
    if (result.passed) {
      out.write(`  ok  ${result.name}${where(result)}\n`);
      continue;
    }
    const at = locate(result);
    out.write(`${result.file}:${at.line}:${at.col}: test "${result.name}"${where(result)}: ${result.failure ?? 'failed'}\n`);
  }
  const failed = results.filter((r) => !r.passed).length;
  out.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
