/**
 * The flow editor's help, without a browser: completion and hover from the schemas, and where a
 * validator problem is underlined (its line:col turned into a span of the text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flowReferences } from '../../engine/domain/flow/validation/flow-references.ts';
import { pointerSegments } from '../../engine/domain/flow/validation/json-pointer.ts';
import { kindSchemas, stepSchemas } from '../../engine/domain/flow/validation/schema-catalog.ts';
import { validateFlowSources } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { notifyStep } from '../../plugins/steps/notify-step.ts';
import { draftIds } from '../../studio/src/yaml-editor/draft-ids.ts';
import { flowCompletions } from '../../studio/src/yaml-editor/flow-completions.ts';
import { flowHover } from '../../studio/src/yaml-editor/flow-hover.ts';
import { formatYaml } from '../../studio/src/yaml-editor/format-yaml.ts';
import { offsetOf, problemRange } from '../../studio/src/yaml-editor/problem-range.ts';
import { referenceAt } from '../../studio/src/yaml-editor/reference-at.ts';
import { kindSchema, schemasAt } from '../../studio/src/yaml-editor/schema-navigator.ts';
import { brokenDir, fixtureNames, fixtureSources, validDir } from '../support/flow-fixture-files.ts';
import { parse } from 'yaml';

const shipped = fs.readdirSync('flows').map((file) => ({ file: `flows/${file}`, source: fs.readFileSync(path.join('flows', file), 'utf8') }));
const ids = draftIds(shipped.map((f) => f.source));

/** Completion labels with the cursor where `|` is in `text`. */
function labels(text: string): string[] {
  const at = text.indexOf('|');
  return flowCompletions(text.replace('|', ''), at, ids)?.options.map((option) => option.label) ?? [];
}

const FLOW = 'kind: Flow\nid: support\ntriggers:\n  - { id: hi, event: follow, goto: welcome }\nsteps:\n  - id: welcome\n';

test('the draft ids are read from every kind of document', () => {
  assert.ok(ids.step.includes('to-human') && ids.step.includes('csat'));
  assert.ok(ids.canned.includes('after-hours'));
  assert.equal([ids.calendar, ids.queue, ids.routing, ids.survey], [['office'], ['default'], ['default'], ['csat-5']]);
});

test('an empty file is offered its kind, then the kinds', () => {
  assert.equal(labels('|'), ['kind']);
  assert.equal(labels('kind: |'), Object.keys(kindSchemas));
});

test('the keys of the mapping at the cursor, without those already written', () => {
  assert.equal(labels('kind: Flow\nid: x\n|'), ['description', 'channels', 'triggers', 'steps', 'richMenus', 'tests']);
  const stepKeys = labels(`${FLOW}    |`);
  assert.equal(stepKeys, [...Object.keys(stepSchemas), 'next'], 'a step is offered its kinds and next, not its id again');
  assert.equal(labels(`${FLOW}  - |`), ['id', ...Object.keys(stepSchemas), 'next'], 'a new step');
  const handoffKeys = Object.keys(Object.getOwnPropertyDescriptor(stepSchemas.handoff, 'properties')?.value ?? {});
  assert.ok(handoffKeys.includes('queue') && handoffKeys.includes('onClose'));
  assert.equal(labels(`${FLOW}    handoff: { |}`), handoffKeys);
  assert.equal(labels(`${FLOW}    handoff:\n      queue: default\n      gr|`), handoffKeys.filter((key) => key !== 'queue'));
});

test('a step kind is marked as one of a kind, required keys as required, with their description', () => {
  const options = flowCompletions(`${FLOW}  - |`.replace('|', ''), `${FLOW}  - `.length, ids)?.options ?? [];
  const say = options.find((option) => option.label === 'say');
  assert.equal([say?.detail, say?.apply, say?.info], ['one of a kind', 'say: ', 'Send a message.']);
  assert.is(options.find((option) => option.label === 'id')?.detail, 'required');
});

test('where a step is expected, the draft step ids; where another id is expected, those ids', () => {
  assert.equal(labels(`${FLOW}    goto: |`), ids.step);
  assert.equal(labels(`${FLOW}    goto: to-h|`), ids.step, 'the editor filters by what is typed');
  assert.equal(labels(`${FLOW}    next:\n      - { if: "true", then: | }`), ids.step);
  assert.equal(labels(`${FLOW}    hours: { calendar: | }`), ['office']);
  assert.equal(labels(`${FLOW}    handoff: { queue: |, routing: default }`), ['default']);
  assert.equal(labels(`${FLOW}    handoff:\n      greetingCanned: |`), ids.canned);
  assert.equal(labels(`${FLOW}    survey: { id: | }`), ['csat-5']);
  assert.equal(labels(`${FLOW}    say: { canned: | }`), ids.canned);
  assert.equal(labels('kind: Queue\nid: default\nmaxWait: { minutes: 5, then: | }'), ids.step, 'a Queue names a step of the Flow');
  assert.equal(labels('kind: Flow\nid: x\ntriggers:\n  - id: a\n    event: follow\n    goto: |\n'), ids.step);
});

test('enum and boolean values', () => {
  assert.equal(labels('kind: Flow\ntriggers:\n  - keyword: { any: [a], match: | }'), ['contains', 'word', 'exact']);
  assert.equal(labels('kind: Flow\ntriggers:\n  - duringHuman: |'), ['true', 'false']);
  assert.equal(labels('kind: Flow\ntriggers:\n  - event: f|'), ['follow', 'unfollow', 'message', 'join']);
});

test('every place the validator reads a reference from is a place completion offers ids of that kind', () => {
  // the complete valid fixture refers to everything from everywhere (tests included)
  for (const name of fixtureNames(validDir)) {
    for (const { source } of fixtureSources(validDir, name)) {
      for (const document of source.split(/^---$/m).map((text) => parse(text) as unknown)) {
        if (typeof document !== 'object' || document === null || !('kind' in document) || document.kind !== 'Flow') continue;
        for (const ref of flowReferences(document as Parameters<typeof flowReferences>[0])) {
          const route = pointerSegments(ref.pointer).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
          assert.is(referenceAt('Flow', route, schemasAt(kindSchema('Flow'), route)), ref.kind, `at ${ref.pointer}`);
        }
      }
    }
  }
});

test('hover shows the schema description, the text docs/flows.md shows', () => {
  const docs = fs.readFileSync('docs/flows.md', 'utf8');
  const flow = shipped.find((f) => f.file.endsWith('.flow.yaml'))?.source ?? '';
  for (const [word, title] of [['triggers:', 'triggers'], ['onClose', 'onClose'], ['greetingCanned', 'greetingCanned'], ['duringHuman', 'duringHuman']] as const) {
    const hover = flowHover(flow, flow.indexOf(word) + 1);
    assert.is(hover?.title, title);
    assert.ok(hover && docs.includes(hover.description.split('`')[0] ?? '-'), `docs/flows.md says what hovering ${title} says`);
    assert.is(flow.slice(hover?.from, hover?.to), title, 'the key is what is hovered');
  }
  assert.match(flowHover(flow, flow.indexOf('kind: Flow') + 7)?.description ?? '', /^The conversation flow/, 'the kind value explains the kind');
  assert.match(flowHover(flow, flow.indexOf('goto: to-human') + 8)?.description ?? '', /step/, 'a value explains its key');
  assert.is(flowHover('kind: Nope\nid: x\n', 12), null, 'nothing for an unknown kind');
});

test('a problem is underlined where its line:col is: the key, the value, the CEL error onwards', () => {
  const text = 'kind: Flow\nid: x\nsteps:\n  - id: a\n    colour: red\n    say: { text: "hi" }\n    next: nowhere\n';
  const span = (line: number, col: number) => {
    const { from, to } = problemRange(text, line, col);
    return text.slice(from, to);
  };
  assert.is(offsetOf(text, 2, 1), text.indexOf('id: x'));
  assert.is(offsetOf(text, 99, 1), text.length, 'past the end: the end');
  assert.is(span(5, 5), 'colour');
  assert.is(span(7, 11), 'nowhere');
  assert.is(span(4, 5), 'id: a', 'a whole step: its first line');
  assert.is(span(6, 19), 'hi"', 'inside a string: to the end of it');
  assert.is(span(8, 1), '\n', 'at the very end: the last character');
});

test('every problem of the broken corpus gets a non-empty underline starting at its line:col', () => {
  const pluginStepKinds = new Map([[notifyStep.kind, notifyStep.schema]]);
  for (const name of fixtureNames(brokenDir)) {
    const sources = fixtureSources(brokenDir, name);
    for (const problem of validateFlowSources(sources, { pluginStepKinds }).problems) {
      const text = sources.find((s) => s.file === problem.file)?.source;
      if (text === undefined) continue;
      const { from, to } = problemRange(text, problem.line, problem.col);
      assert.ok(to > from, `${name}: ${problem.code} has something to underline`);
      assert.ok(from === offsetOf(text, problem.line, problem.col) || to === text.length, `${name}: ${problem.code} starts at ${problem.line}:${problem.col}`);
      if (problem.code === 'schema-unknown-key') assert.ok(/^[\w-]+$/.test(text.slice(from, to)), `${name}: the unknown key alone is underlined, not "${text.slice(from, to)}"`);
    }
  }
});

test('Format keeps every value and comment, and a second Format changes nothing', () => {
  for (const { file, source } of shipped) {
    const formatted = formatYaml(source);
    assert.ok(formatted !== null, file);
    assert.equal(parse(formatted ?? ''), parse(source), `${file} means the same`);
    assert.is(formatYaml(formatted ?? ''), formatted, `${file} is stable`);
    for (const comment of source.match(/^\s*#.*$/gm) ?? []) assert.ok(formatted?.includes(comment.trim()), `${file} keeps ${comment.trim()}`);
  }
  assert.is(formatYaml('a:   1\nb:\n    - x\n---\nc: 3\n'), 'a: 1\nb:\n  - x\n---\nc: 3\n');
  assert.is(formatYaml('a: [\n'), null, 'a syntax error is left alone');
});

test.run();
