import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem } from '../../engine/domain/flow/validation/flow-problem.ts';
import { runFlowTests } from '../../engine/domain/flow/testing/run-flow-tests.ts';
import { validateFlowSources } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { builtInStepKinds, stepKindSchemas } from '../../plugins/built-in-plugins.ts';
import { cookbookFile, flowDocsFile, generateFlowDocs } from '../../scripts/flow-docs/flow-docs-sources.ts';

test('docs/flows.md is what `npm run docs:flows` generates from the schemas (run it after changing a schema)', () => {
  assert.fixture(fs.readFileSync(flowDocsFile, 'utf8'), generateFlowDocs());
});

const cookbookExamples = () => [...fs.readFileSync(cookbookFile, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

test('every yaml example of the cookbook is a valid flow set whose own tests pass', () => {
  const examples = cookbookExamples();
  assert.ok(examples.length >= 4, 'keyword handoff, after hours, VIP routing, CSAT');
  examples.forEach((source, i) => {
    const { set, problems } = validateFlowSources([{ file: `cookbook example ${i + 1}`, source }], { pluginStepKinds: stepKindSchemas(builtInStepKinds) });
    assert.equal(problems.map(formatProblem), []);
    const failed = set ? runFlowTests(set).filter((result) => !result.passed) : [];
    assert.equal(failed.map((result) => `${result.name}: ${result.failure ?? ''}`), []);
  });
});

test('every link inside docs/flows.md points at one of its headings', () => {
  const text = fs.readFileSync(flowDocsFile, 'utf8');
  // GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes
  const anchors = new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => (m[1] ?? '').toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')));
  const broken = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] ?? '').filter((anchor) => !anchors.has(anchor));
  assert.equal(broken, []);
});

test.run();
