import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem } from '../../engine/domain/flow/validation/flow-problem.ts';
import { problemCodes } from '../../engine/domain/flow/validation/problem-codes.ts';
import { validateFlowSources, type FlowSource } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { notifyStep } from '../../plugins/steps/notify-step.ts';
import { richMenuImageProblems } from '../../engine/services/rich-menus/rich-menu-image-problems.ts';
import { brokenDir, expectedLines, fixtureNames, fixtureSources, validDir } from '../support/flow-fixture-files.ts';
import { referenceSite, referenceSites } from '../support/reference-sites.ts';

const pluginStepKinds = new Map([[notifyStep.kind, notifyStep.schema]]);
// rich menu images are read relative to the corpus folder, as the engine reads them relative to its flows folder
const lines = (sources: FlowSource[]) => validateFlowSources(sources, { pluginStepKinds, fileProblems: richMenuImageProblems(brokenDir) }).problems.map(formatProblem);
const flow = (steps: string, extra = '') =>
  `kind: Flow\nid: support\ntriggers:\n  - { id: hello, event: follow, goto: first }\nsteps:\n${steps}${extra}`;

for (const name of fixtureNames(brokenDir)) {
  test(`broken/${name} reports exactly its expected lines`, () => {
    const expected = expectedLines(brokenDir, name);
    assert.ok(expected.length > 0, 'a broken fixture expects at least one problem');
    assert.equal(lines(fixtureSources(brokenDir, name)), expected);
  });
}

test('the broken corpus shows every problem code at least once (plugin-schema is tested below)', () => {
  const shown = new Set(fixtureNames(brokenDir).flatMap((name) => expectedLines(brokenDir, name).map((line) => /\[([a-z-]+)\]/.exec(line)?.[1])));
  const missing = Object.keys(problemCodes).filter((code) => code !== 'plugin-schema' && !shown.has(code));
  assert.equal(missing, []);
});

test('the broken corpus refers to a missing id from every kind of place the validator resolves ids', () => {
  // the sites come from the validator run over documents generated from the schemas (reference-sites.ts)
  const sites = referenceSites();
  assert.ok(sites.includes('unknown-step /steps/*/goto') && sites.includes('unknown-step /maxWait/then'), sites.join('\n'));
  const shown = new Set(
    fixtureNames(brokenDir).flatMap((name) =>
      expectedLines(brokenDir, name).flatMap((line) => {
        const found = /\[([a-z-]+)\] \(at ([^)]*)\)$/.exec(line);
        return found ? [referenceSite(found[1] ?? '', found[2] ?? '')] : [];
      }),
    ),
  );
  assert.equal(sites.filter((site) => !shown.has(site)), [], 'reference sites without a broken fixture');
});

for (const name of fixtureNames(validDir)) {
  test(`valid/${name} validates clean`, () => {
    assert.equal(lines(fixtureSources(validDir, name)), []);
  });
}

test('a valid set comes back as the runtime sees it: entry flow, documents by id, canned responses flattened', () => {
  const { set, problems } = validateFlowSources(fixtureSources(validDir, 'complete'), { pluginStepKinds });
  assert.equal(problems, []);
  assert.ok(set);
  assert.is(set.entry.id, 'support');
  assert.is(set.entryFile, 'complete/support.yaml');
  assert.equal([...set.calendars.keys()], ['office', 'always']);
  assert.equal([...set.queues.keys()], ['default', 'priority']);
  assert.equal([...set.routing.keys()], ['default']);
  assert.equal([...set.canned.keys()], ['after-hours', 'queued']);
  assert.is(set.canned.get('after-hours')?.variants?.th?.startsWith('ขณะนี้'), true);
  assert.equal([...set.surveys.keys()], ['csat-5']);
  assert.is(set.autoClose?.id, 'idle');
});

test('problems of several files come sorted by file, line and column, each once', () => {
  const bad = flow('  - id: first\n    say: { txt: hi }\n  - id: first\n    sya: { text: hi }\n');
  const result = lines([
    { file: 'b.yaml', source: bad },
    { file: 'a.yaml', source: 'kind: Flow\nid: [\n' },
    { file: 'b.yaml', source: bad },
  ]);
  assert.equal(result, [
    'a.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml-syntax] (at /)',
    'b.yaml:7:12: unknown key "txt" (did you mean "text"?) [schema-unknown-key] (at /steps/0/say/txt)',
    'b.yaml:9:5: unknown key "sya" (did you mean "say"?) [schema-unknown-key] (at /steps/1/sya)',
  ]);
});

test('references are checked only once every document is sound, so a broken file does not fake unknown ids', () => {
  const result = lines([
    { file: 'flow.yaml', source: flow('  - id: first\n    hours: { calendar: office }\n') },
    { file: 'hours.yaml', source: 'kind: BusinessHours\nid: office\ntimezone: Asia/Bangkok\nweekly: { mon: ["9-18"] }\n' },
  ]);
  assert.equal(result, ['hours.yaml:4:17: "9-18" is not a period: write HH:MM-HH:MM in 24-hour time, e.g. 09:00-17:30 [bad-period] (at /weekly/mon/0)']);
});

test('documents are found in any file of the set, and empty documents are skipped', () => {
  const result = validateFlowSources([
    { file: 'canned.yaml', source: '---\n# nothing here\n---\nkind: CannedResponses\nid: common\nresponses: [{ id: hi, title: Hi, text: Hello }]\n---\n' },
    { file: 'flow.yaml', source: flow('  - id: first\n    say: { canned: hi }\n') },
  ]);
  assert.equal(result.problems, []);
  assert.is(result.set?.canned.get('hi')?.text, 'Hello');
});

test('LINE text limit: 5000 characters pass, 5001 do not', () => {
  const say = (n: number) => flow(`  - id: first\n    say: { text: ${'a'.repeat(n)} }\n`);
  assert.equal(lines([{ file: 'ok.yaml', source: say(5000) }]), []);
  assert.equal(lines([{ file: 'long.yaml', source: say(5001) }]), [
    'long.yaml:7:18: "text" is 5001 characters long; at most 5000 allowed (LINE\'s limit) [schema-max-length] (at /steps/0/say/text)',
  ]);
});

test('a CEL error in a double-quoted condition points at the character inside the quotes', () => {
  const result = lines([{ file: 'f.yaml', source: flow('  - id: first\n    branch:\n      - { if: "customer.nmae == \'x\'", then: first }\n') }]);
  assert.equal(result, ['f.yaml:8:25: CEL type error: No such key: nmae [cel-type] (at /steps/0/branch/0/if)']);
});

test('without a plugin registry every plugin step is unknown', () => {
  const source = flow('  - id: first\n    plugin: { use: notify, with: { text: hi } }\n');
  const { problems } = validateFlowSources([{ file: 'f.yaml', source }]);
  assert.equal(problems.map(formatProblem), [
    'f.yaml:7:20: no plugin registers the step kind "notify"; no plugin step kinds are registered [unknown-plugin-step] (at /steps/0/plugin/use)',
  ]);
});

test("a plugin whose schema does not compile is reported at the step that uses it, not thrown", () => {
  const source = flow('  - id: first\n    plugin: { use: broken }\n');
  const { problems } = validateFlowSources([{ file: 'f.yaml', source }], { pluginStepKinds: new Map([['broken', { type: 'object', properties: { n: { type: 'no-such-type' } } }]]) });
  assert.is(problems.length, 1);
  assert.is(problems[0]?.code, 'plugin-schema');
  assert.match(formatProblem(problems[0]!), /^f\.yaml:7:20: the plugin's schema for "broken" does not compile/);
});

test('no files at all is a set without a Flow', () => {
  assert.equal(lines([]), ['(no flow files):1:1: the set has no Flow document (kind: Flow) [no-flow] (at /)']);
});

test.run();
