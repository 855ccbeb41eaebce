import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type * as Dsl from '../../engine/domain/flow/flow-document.ts';

const schemasDir = path.resolve(import.meta.dirname, '../../schemas');
const flowSchemaFiles = [
  'common.json', 'flow.json', 'trigger.json', 'step.json', 'flow-test.json', 'business-hours.json', 'queue.json',
  'routing-rules.json', 'canned-responses.json', 'survey.json', 'auto-close.json',
  ...fs.readdirSync(path.join(schemasDir, 'steps')).map((f) => `steps/${f}`),
];
type Json = { [key: string]: unknown };
const load = (file: string): Json => JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8')) as Json;

/** Every `properties` entry, at any depth: [where, name, schema]. */
function* properties(node: unknown, at: string): Generator<[string, string, Json]> {
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, schema] of Object.entries(value)) yield [at, name, schema as Json];
    }
    yield* properties(value, `${at}/${key}`);
  }
}

test('every property of every flow schema has a description (docs/flows.md is made of them)', () => {
  const missing: string[] = [];
  for (const file of flowSchemaFiles) {
    const schema = load(file);
    if (typeof schema.description !== 'string') missing.push(`${file}: the schema itself`);
    for (const [at, name, property] of properties(schema, file)) {
      if (typeof property.description !== 'string' || property.description.length < 3) missing.push(`${at}/${name}`);
    }
  }
  assert.equal(missing, []);
});

// The TypeScript types of the DSL mirror the schemas by hand; these key lists fail to compile when a
// type gains or loses a key, and the test fails when a schema does, so neither drifts alone.
const keysOf = <T>() => <K extends Record<keyof T, true>>(keys: K & Record<Exclude<keyof K, keyof T>, never>) => Object.keys(keys).sort();
const props = (file: string, ...pathInSchema: string[]) => {
  let node: unknown = load(file);
  for (const segment of pathInSchema) node = (node as Json)[segment];
  return Object.keys((node as Json).properties as Json).sort();
};

const pairs: [string, string[], string[]][] = [
  ['Flow', keysOf<Dsl.FlowDocument>()({ kind: true, id: true, description: true, channels: true, triggers: true, steps: true, richMenus: true, tests: true }), props('flow.json')],
  ['RichMenuMapping', keysOf<Required<Dsl.RichMenuMapping>>()({ bot: true, waiting: true, human: true, closed: true }), props('flow.json', 'properties', 'richMenus')],
  ['Trigger', keysOf<Dsl.Trigger>()({ id: true, keyword: true, regex: true, postback: true, event: true, when: true, duringHuman: true, goto: true }), props('trigger.json')],
  ['QuickReply', keysOf<Dsl.QuickReply>()({ label: true, postback: true, text: true }), props('common.json', 'definitions', 'quickReply')],
  ['Step', keysOf<Dsl.Step>()({ id: true, say: true, ask: true, branch: true, set: true, tag: true, hours: true, handoff: true, survey: true, wait: true, goto: true, end: true, plugin: true, next: true }), props('step.json')],
  ['SayStep', keysOf<Dsl.SayStep>()({ text: true, canned: true, image: true, flex: true, quickReplies: true }), props('steps/say.json')],
  ['ImageMessageSpec', keysOf<Dsl.ImageMessageSpec>()({ url: true, previewUrl: true }), props('common.json', 'definitions', 'imageMessage')],
  ['FlexMessageSpec', keysOf<Dsl.FlexMessageSpec>()({ altText: true, contents: true }), props('common.json', 'definitions', 'flexMessage')],
  ['AskStep', keysOf<Dsl.AskStep>()({ text: true, into: true, quickReplies: true, validate: true, retryText: true, retries: true, onFail: true }), props('steps/ask.json')],
  ['TagStep', keysOf<Dsl.TagStep>()({ add: true, remove: true }), props('steps/tag.json')],
  ['HoursStep', keysOf<Dsl.HoursStep>()({ calendar: true, open: true, closed: true, holiday: true }), props('steps/hours.json')],
  ['HandoffStep', keysOf<Dsl.HandoffStep>()({ routing: true, queue: true, greeting: true, greetingCanned: true, onClose: true, reopenWithinMinutes: true }), props('steps/handoff.json')],
  ['SurveyStep', keysOf<Dsl.SurveyStep>()({ id: true }), props('steps/survey.json')],
  ['WaitStep', keysOf<Dsl.WaitStep>()({ seconds: true }), props('steps/wait.json')],
  ['PluginStep', keysOf<Dsl.PluginStep>()({ use: true, with: true }), props('steps/plugin.json')],
  ['FlowTest', keysOf<Dsl.FlowTest>()({ name: true, clock: true, channel: true, customer: true, send: true, expect: true }), props('flow-test.json')],
  ['FlowTestInput', keysOf<Dsl.FlowTestInput>()({ text: true, postback: true, event: true, after: true }), props('flow-test.json', 'properties', 'send', 'items')],
  ['FlowTestExpectation', keysOf<Dsl.FlowTestExpectation>()({ say: true, handoff: true, tag: true, survey: true, csat: true, nothing: true }), props('flow-test.json', 'properties', 'expect', 'items')],
  ['BusinessHours', keysOf<Dsl.BusinessHoursDocument>()({ kind: true, id: true, timezone: true, weekly: true, holidays: true, special: true }), props('business-hours.json')],
  ['Weekday', keysOf<Record<Dsl.Weekday, true>>()({ mon: true, tue: true, wed: true, thu: true, fri: true, sat: true, sun: true }), props('business-hours.json', 'properties', 'weekly')],
  ['Queue', keysOf<Dsl.QueueDocument>()({ kind: true, id: true, positionMessage: true, minUpdateIntervalSeconds: true, estimate: true, maxWait: true }), props('queue.json')],
  ['RoutingRules', keysOf<Dsl.RoutingRulesDocument>()({ kind: true, id: true, strategy: true, rules: true, default: true }), props('routing-rules.json')],
  ['RoutingTarget', keysOf<Dsl.RoutingTarget>()({ team: true, skills: true, priority: true }), props('common.json', 'definitions', 'routingTarget')],
  ['CannedResponses', keysOf<Dsl.CannedResponsesDocument>()({ kind: true, id: true, responses: true }), props('canned-responses.json')],
  ['CannedResponse', keysOf<Dsl.CannedResponse>()({ id: true, shortcut: true, title: true, text: true, variants: true, image: true, flex: true, quickReplies: true, tags: true }), props('canned-responses.json', 'properties', 'responses', 'items')],
  ['Survey', keysOf<Dsl.SurveyDocument>()({ kind: true, id: true, question: true, labels: true, comment: true, thanks: true, expiresAfterMinutes: true }), props('survey.json')],
  ['AutoClose', keysOf<Dsl.AutoCloseDocument>()({ kind: true, id: true, inactivityMinutes: true, warnBeforeMinutes: true, warning: true, closing: true }), props('auto-close.json')],
  ['RichMenu', keysOf<Dsl.RichMenuDocument>()({ kind: true, id: true, size: true, chatBarText: true, selected: true, image: true, areas: true }), props('rich-menu.json')],
  ['RichMenuBounds', keysOf<Dsl.RichMenuBounds>()({ x: true, y: true, width: true, height: true }), props('rich-menu.json', 'definitions', 'area', 'properties', 'bounds')],
  ['RichMenuAction', keysOf<Dsl.RichMenuAction>()({ postback: true, displayText: true, message: true, uri: true, label: true }), props('rich-menu.json', 'definitions', 'area', 'properties', 'action')],
];

for (const [name, typeKeys, schemaKeys] of pairs) {
  test(`the ${name} type and its schema have the same keys`, () => {
    assert.equal(typeKeys, schemaKeys);
  });
}

test.run();
