/** The flows/ folder Baton ships validates, and every test written inside it passes on the real runtime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { formatProblem } from '../../engine/domain/flow/validation/flow-problem.ts';
import { runFlowTests } from '../../engine/domain/flow/testing/run-flow-tests.ts';
import { readFlowSources, validateFlowSet } from '../../engine/services/flows/flow-set.ts';

const flowsDir = path.resolve(import.meta.dirname, '../../flows');
const validated = validateFlowSet(await readFlowSources(flowsDir));

test('the shipped flows validate', () => {
  assert.ok(validated.ok, validated.ok ? '' : validated.problems.map(formatProblem).join('\n'));
});

if (validated.ok) {
  const results = runFlowTests(validated.set);

  test('the shipped flow carries tests for greeting, handoffs, hours, routing and CSAT', () => {
    assert.ok(results.length >= 10, `only ${results.length} tests`);
  });

  for (const result of results) {
    test(`shipped flow test: ${result.name}`, () => {
      assert.ok(result.passed, result.failure ?? '');
    });
  }
}

test.run();
