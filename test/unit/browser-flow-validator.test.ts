/**
 * The studio validates drafts with the kinds' schemas written out as code (the page's CSP forbids
 * compiling them). Run over the whole broken corpus, those validators must give exactly the lines
 * `baton validate` gives: same problems, same messages, same places.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pluginStepProblems } from '../../engine/domain/flow/validation/check-plugin-steps.ts';
import { formatProblem } from '../../engine/domain/flow/validation/flow-problem.ts';
import type { KindValidators } from '../../engine/domain/flow/validation/kind-validators.ts';
import { standaloneKindValidatorsModule } from '../../engine/domain/flow/validation/standalone-kind-validators.ts';
import { validateFlowSet } from '../../engine/domain/flow/validation/validate-flow-set.ts';
import { validateFlowSources, type FlowSource } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { notifyStep } from '../../plugins/steps/notify-step.ts';
import { brokenDir, expectedLines, fixtureNames, fixtureSources, validDir } from '../support/flow-fixture-files.ts';

const pluginStepKinds = new Map([[notifyStep.kind, notifyStep.schema]]);
let standalone: KindValidators | undefined;

test.before(async () => {
  const formats = pathToFileURL(path.resolve(import.meta.dirname, '../../engine/domain/flow/validation/ajv-formats.ts')).href;
  // inside the repository, so the module's imports of ajv's runtime resolve from node_modules
  const dir = path.resolve(import.meta.dirname, '../../.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `flow-kind-validators-${process.pid}.mjs`);
  fs.writeFileSync(file, standaloneKindValidatorsModule(formats));
  try {
    const loaded: { kindValidators: KindValidators } = await import(pathToFileURL(file).href);
    standalone = loaded.kindValidators;
  } finally {
    fs.rmSync(file, { force: true });
  }
});

function browserLines(sources: FlowSource[]): string[] {
  if (!standalone) throw new Error('the standalone validators load in test.before');
  return validateFlowSet(sources, { kindValidators: standalone, pluginStepProblems: (index) => pluginStepProblems(index, pluginStepKinds) }).problems.map(formatProblem);
}

test('the written-out validators need no compiler: no eval, no new Function, no require', () => {
  const code = standaloneKindValidatorsModule('./ajv-formats.ts');
  assert.not.match(code, /\bnew Function\b|\beval\(|\brequire\(/);
  assert.match(code, /export const kindValidators = \{ Flow, BusinessHours, Queue, RoutingRules, CannedResponses, Survey, AutoClose, RichMenu \}/);
});

for (const name of fixtureNames(brokenDir)) {
  test(`broken/${name}: the browser's validator reports what baton validate reports`, () => {
    const sources = fixtureSources(brokenDir, name);
    // the browser cannot read the engine's files: rich menu images are checked by the engine and the CLI only
    const withoutFiles = (lines: string[]) => lines.filter((line) => !line.includes('[rich-menu-image]'));
    assert.equal(browserLines(sources), withoutFiles(expectedLines(brokenDir, name)));
    assert.equal(browserLines(sources), validateFlowSources(sources, { pluginStepKinds }).problems.map(formatProblem));
  });
}

for (const name of fixtureNames(validDir)) {
  test(`valid/${name}: no problems in the browser either`, () => {
    assert.equal(browserLines(fixtureSources(validDir, name)), []);
  });
}

test.run();
