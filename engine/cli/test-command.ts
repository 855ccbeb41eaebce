/**
 * `baton test [dir]`: validates the flow folder, then runs the `tests:` of its Flow in-process on the
 * real runtime. Each failure is one line, `file:line:col: test "<name>": <what failed>`, pointing at
 * the test in the YAML; a summary line closes. Exit code 0 when every test passes.
 */
import { formatProblem } from '../domain/flow/validation/flow-problem.ts';
import { runFlowTests } from '../domain/flow/testing/run-flow-tests.ts';
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
  const source = validated.sources.find((s) => s.file === set.entryFile)?.source ?? '';
  const locations = locateFlowTests(source, set.entry.id);
  const results = runFlowTests(set);
  if (results.length === 0) {
    out.write(`${set.entryFile}: the flow "${set.entry.id}" has no tests\n`);
    return 0;
  }
  for (const result of results) {
    if (result.passed) {
      out.write(`  ok  ${result.name}\n`);
      continue;
    }
    const at = locations[result.index] ?? { line: 1, col: 1 };
    out.write(`${result.file}:${at.line}:${at.col}: test "${result.name}": ${result.failure ?? 'failed'}\n`);
  }
  const failed = results.filter((r) => !r.passed).length;
  out.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
