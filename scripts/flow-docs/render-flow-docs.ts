/**
 * docs/flows.md from the schemas: one section per kind, step type and shared piece, each a table of
 * its keys (nested keys dotted: `keyword.match`, `holidays[].date`) with the schemas' descriptions.
 * Pure: schemas and the hand-written parts in, markdown out.
 */
import { exactlyOneKeys } from '../../engine/domain/flow/validation/key-shape-findings.ts';
import { isJson, SchemaIndex, type Json } from './schema-index.ts';
import { typeLabel, type SectionLinks } from './type-label.ts';

export interface FlowDocsInput {
  kinds: Readonly<Record<string, object>>;
  steps: Readonly<Record<string, object>>;
  shared: readonly object[];
  problemCodes: Readonly<Record<string, string>>;
  intro: string;
  cookbook: string;
}

interface Section {
  heading: string;
  anchor: string;
  /** the name a link to it shows */
  title: string;
  url: string;
  level: number;
}

const SCHEMAS = 'https://baton.dev/schemas/';

function sections(input: FlowDocsInput): Section[] {
  const kind = (name: string, file: string): Section => ({ heading: `kind: ${name}`, anchor: `kind-${name.toLowerCase()}`, title: name, url: `${SCHEMAS}${file}`, level: 2 });
  const files: Record<string, string> = { BusinessHours: 'business-hours.json', Queue: 'queue.json', RoutingRules: 'routing-rules.json', CannedResponses: 'canned-responses.json', Survey: 'survey.json', AutoClose: 'auto-close.json', RichMenu: 'rich-menu.json' };
  return [
    kind('Flow', 'flow.json'),
    { heading: 'Trigger', anchor: 'trigger', title: 'trigger', url: `${SCHEMAS}trigger.json`, level: 3 },
    { heading: 'Step', anchor: 'step', title: 'step', url: `${SCHEMAS}step.json`, level: 3 },
    ...Object.keys(input.steps).map((name): Section => ({ heading: `Step: \`${name}\``, anchor: `step-${name}`, title: name, url: `${SCHEMAS}steps/${name}.json`, level: 4 })),
    { heading: 'Flow test', anchor: 'flow-test', title: 'flow test', url: `${SCHEMAS}flow-test.json`, level: 3 },
    ...Object.keys(input.kinds).filter((name) => name !== 'Flow').map((name) => kind(name, files[name] ?? '')),
    { heading: 'Shared: quick reply', anchor: 'shared-quick-reply', title: 'quick reply', url: `${SCHEMAS}common.json#/definitions/quickReply`, level: 2 },
    { heading: 'Shared: route', anchor: 'shared-route', title: 'route', url: `${SCHEMAS}common.json#/definitions/route`, level: 2 },
    { heading: 'Shared: image message', anchor: 'shared-image-message', title: 'image message', url: `${SCHEMAS}common.json#/definitions/imageMessage`, level: 2 },
    { heading: 'Shared: flex message', anchor: 'shared-flex-message', title: 'flex message', url: `${SCHEMAS}common.json#/definitions/flexMessage`, level: 2 },
    { heading: 'Shared: routing target', anchor: 'shared-routing-target', title: 'routing target', url: `${SCHEMAS}common.json#/definitions/routingTarget`, level: 2 },
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rows(schema: Json, url: string, prefix: string, index: SchemaIndex, links: SectionLinks): string[] {
  if (!isJson(schema.properties)) return [];
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(schema.properties).flatMap(([name, raw]) => {
    if (!isJson(raw)) return [];
    const key = `${prefix}${name}`;
    const target = index.follow(raw, url);
    // a schema with a section of its own is linked, not expanded (its notes are in its section)
    const isLinked = (node: Json, at: string) => typeof node.$ref === 'string' && links.has(at);
    const items = isJson(target.schema.items) ? target.schema.items : null;
    const item = items ? index.follow(items, target.url) : null;
    const expanded = isLinked(raw, target.url) ? null : items && item ? (isLinked(items, item.url) ? null : item) : target;
    const own = typeof raw.description === 'string' ? raw.description : String(target.schema.description ?? '');
    const itemNotes = (note: string) => (items ? `Each item: ${note.charAt(0).toLowerCase()}${note.slice(1)}` : note);
    const description = [own, ...(expanded ? notes(expanded.schema).map(itemNotes) : [])].join(' ');
    const row = `| \`${key}\` | ${cell(typeLabel(raw, url, index, links))} | ${required.includes(name) ? 'yes' : ''} | ${cell(description)} |`;
    if (!expanded) return [row];
    return [row, ...rows(expanded.schema, expanded.url, items ? `${key}[].` : `${key}.`, index, links)];
  });
}

function notes(schema: Json): string[] {
  const lines: string[] = [];
  const one = exactlyOneKeys(schema.oneOf);
  if (one) lines.push(`Exactly one of: ${one.map((k) => `\`${k}\``).join(', ')}.`);
  const not = isJson(schema.not) && Array.isArray(schema.not.required) ? schema.not.required.map(String) : null;
  if (not) lines.push(`${not.map((k) => `\`${k}\``).join(' and ')} cannot be used together.`);
  return lines;
}

function renderSection(section: Section, index: SchemaIndex, links: SectionLinks): string {
  const { schema, url } = index.follow(index.resolve(section.url, section.url).schema, section.url);
  const own = index.resolve(section.url, section.url).schema;
  const description = String(own.description ?? schema.description ?? '');
  const parts = [`${'#'.repeat(section.level)} ${section.heading}`, '', description, ''];
  const table = rows(schema, url, '', index, links);
  if (table.length > 0) parts.push('| key | type | required | description |', '|---|---|---|---|', ...table, '');
  else parts.push(`Value: ${typeLabel(own, section.url, index, links)}.`, '');
  const extra = notes(schema);
  if (extra.length > 0) parts.push(...extra, '');
  return parts.join('\n');
}

export function renderFlowDocs(input: FlowDocsInput): string {
  const index = new SchemaIndex([...Object.values(input.kinds), ...input.shared]);
  const list = sections(input);
  const links: SectionLinks = new Map(list.map((s) => [s.url, { title: s.title, anchor: s.anchor }]));
  const contents = list.map((s) => `${'  '.repeat(s.level - 2)}- [${s.heading}](#${s.anchor})`);
  const codes = Object.entries(input.problemCodes).map(([code, meaning]) => `| \`${code}\` | ${cell(meaning)} |`);
  return [
    '<!-- Generated by `npm run docs:flows` from schemas/*.json and docs/src/flows-*.md. Edit those, not this file. -->',
    '',
    input.intro.trim(),
    '',
    '## Contents',
    '',
    ...contents,
    '- [Problem codes](#problem-codes)',
    '- [Cookbook](#cookbook)',
    '',
    ...list.map((s) => renderSection(s, index, links)),
    '## Problem codes',
    '',
    'Every problem is one line, `file:line:col: message [code] (at /json/pointer)`; match on the code, not the message.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...codes,
    '',
    input.cookbook.trim(),
    '',
  ].join('\n');
}
