/**
 * The Flow drawn as a graph, computed from the YAML (which stays the one source of truth): triggers
 * and a Queue's `maxWait` timeout start steps; steps lead on by `next` (or `if`/`else` routes), `branch`, hours `open`/`closed`/
 * `holiday`, ask `onFail`, handoff `onClose` and `goto`. Each node knows where it is written, so a
 * click can select its YAML; steps nothing can reach are marked, with the reason. What people read
 * (summaries, edge labels, reasons) is in the studio's language; the DSL's own words (step and trigger
 * types, ids) stay as written.
 */
import { msg, str } from '@lit/localize';
import { isNode, LineCounter, parseAllDocuments } from 'yaml';
import type { Step, Trigger } from '../../../engine/domain/flow/flow-document.ts';
import { pointer, pointerSegments } from '../../../engine/domain/flow/validation/json-pointer.ts';
import { YamlLocator } from '../../../engine/domain/flow/validation/yaml-locator.ts';
import { numberFormat } from '../i18n/format-locale.ts';
import { reachableSteps, stepTargets, type EdgeKind } from './step-targets.ts';

/** Where a node is written: its file, the character span of its YAML and the line:col it starts at. */
export interface SourceRange {
  file: string;
  from: number;
  to: number;
  line: number;
  col: number;
}

/** triggers and queue timeouts start steps; `missing` is a step referred to but not written */
export type NodeKind = 'trigger' | 'queue' | 'step' | 'missing';

export interface GraphNode {
  /** `trigger:<id>`, `queue:<id>`, `step:<id>`, or `missing:<id>` */
  key: string;
  kind: NodeKind;
  /** the step kind (`say`, `handoff`…) or the trigger's matcher (`keyword`, `postback`…) */
  type: string;
  id: string;
  /** a one-line summary, in the studio's language: the keywords, the canned id, the calendar */
  summary: string;
  source: SourceRange | null;
  /** a step no trigger leads to, and why (in the studio's language) */
  unreachable: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind | 'trigger' | 'max-wait';
  label: string;
}

export interface FlowGraph {
  /** the Flow drawn */
  flowId: string;
  /** the file the Flow is written in */
  file: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A Flow of the draft: the shared one has no `channels` (docs/flows.md, One Flow per channel). */
export interface DraftFlow {
  id: string;
  file: string;
  channels: string[];
}

/** The graph of one Flow (or why it cannot be drawn), and every Flow of the draft to choose from. */
export type FlowGraphResult = ({ graph: FlowGraph; error: null } | { graph: null; error: string }) & { flows: DraftFlow[] };

const STEP_TYPES = ['say', 'ask', 'branch', 'set', 'tag', 'hours', 'handoff', 'survey', 'wait', 'goto', 'end', 'plugin'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
const short = (value: string, max = 40) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
/** `30 s`, `30 วินาที`, `15 min`, `15 นาที`: a duration in Intl's words of the studio's language */
const duration = (value: number, unit: 'second' | 'minute') => numberFormat({ style: 'unit', unit, unitDisplay: 'short' }).format(value);

function triggerType(trigger: Trigger): { type: string; summary: string } {
  if (trigger.keyword) return { type: 'keyword', summary: (trigger.keyword.any ?? []).join(', ') };
  if (trigger.regex) return { type: 'regex', summary: `/${trigger.regex.pattern}/` };
  if (trigger.postback) return { type: 'postback', summary: trigger.postback.data ?? `${trigger.postback.prefix ?? ''}…` };
  if (trigger.event) return { type: 'event', summary: trigger.event };
  return { type: 'trigger', summary: '' };
}

function stepType(step: Step): { type: string; summary: string } {
  const type = STEP_TYPES.find((kind) => step[kind] !== undefined);
  if (!type) return { type: 'step', summary: '' };
  const summaries: Partial<Record<(typeof STEP_TYPES)[number], () => string>> = {
    say: () => (step.say?.canned ? msg(str`canned ${step.say.canned}`, { desc: 'a graph node: a say step sending this canned response' }) : text(step.say?.text ?? step.say?.image?.url ?? step.say?.flex?.altText)),
    ask: () => `${text(step.ask?.text)} → ${text(step.ask?.into)}`,
    hours: () => msg(str`calendar ${text(step.hours?.calendar)}`, { desc: 'a graph node: the business hours calendar an hours step checks' }),
    handoff: () =>
      [
        step.handoff?.queue && msg(str`queue ${step.handoff.queue}`, { desc: 'a graph node: the queue a handoff puts the chat in' }),
        step.handoff?.routing && msg(str`routing ${step.handoff.routing}`, { desc: 'a graph node: how a handoff picks an operator' }),
      ]
        .filter(Boolean)
        .join(', '),
    survey: () => text(step.survey?.id),
    wait: () => (typeof step.wait?.seconds === 'number' ? duration(step.wait.seconds, 'second') : text(step.wait?.seconds)),
    tag: () => [...(step.tag?.add ?? []).map((t) => `+${t}`), ...(step.tag?.remove ?? []).map((t) => `-${t}`)].join(' '),
    set: () => Object.keys(step.set ?? {}).join(', '),
    end: () => (isRecord(step.end) && step.end.release ? msg('back to the bot', { desc: 'a graph node: an end step that gives the chat back to the bot' }) : ''),
    plugin: () => text(step.plugin?.use),
  };
  return { type, summary: short(summaries[type]?.() ?? '') };
}

interface ParsedDocument {
  file: string;
  data: Record<string, unknown>;
  rangeOf: (at: string) => SourceRange | null;
}

/** A Queue whose `maxWait.then` runs a step: an entry into the flow besides the triggers. */
interface QueueEntry {
  id: string;
  minutes: number;
  then: string;
  source: SourceRange | null;
}

/** the queues a Flow's handoff steps name (`default` for one naming none) */
function handoffQueues(flow: Record<string, unknown>): string[] {
  const steps: unknown[] = Array.isArray(flow.steps) ? flow.steps : [];
  return steps.flatMap((step) => (isRecord(step) && isRecord(step.handoff) ? [typeof step.handoff.queue === 'string' ? step.handoff.queue : 'default'] : []));
}

const flowOf = ({ file, data }: ParsedDocument): DraftFlow => ({
  id: text(data.id),
  file,
  channels: Array.isArray(data.channels) ? data.channels.filter((c): c is string => typeof c === 'string') : [],
});

/**
 * A Flow of a draft as a graph, or why it cannot be drawn (no Flow, a YAML error in its file): the Flow
 * `flowId`, else the shared one (without `channels`), else the first.
 */
export function flowGraph(files: readonly { file: string; source: string }[], flowId: string | null = null): FlowGraphResult {
  const documents: ParsedDocument[] = [];
  for (const { file, source } of files) {
    const lines = new LineCounter();
    const docs = parseAllDocuments(source, { lineCounter: lines });
    for (const doc of Array.isArray(docs) ? docs : []) {
      if (doc.errors.length) {
        if (!/^\s*kind:\s*Flow\s*$/m.test(source)) continue;
        const { line } = lines.linePos(doc.errors[0]?.pos[0] ?? 0);
        return { graph: null, error: msg(str`${file} has a YAML syntax error on line ${line}: fix it in the YAML view`), flows: [] };
      }
      const data: unknown = doc.toJS();
      if (!isRecord(data)) continue;
      const locator = new YamlLocator(doc, lines, source);
      const rangeOf = (at: string): SourceRange | null => {
        const node: unknown = doc.getIn(pointerSegments(at).map((s) => (/^\d+$/.test(s) ? Number(s) : s)), true);
        if (!isNode(node) || !node.range) return null;
        // a block ends after its line break: the selection stops at its last character
        const to = node.range[0] + source.slice(node.range[0], node.range[1]).trimEnd().length;
        return { file, from: node.range[0], to, ...locator.locate(at) };
      };
      documents.push({ file, data, rangeOf });
    }
  }
  const flowDocuments = documents.filter((document) => document.data.kind === 'Flow');
  const flows = flowDocuments.map(flowOf);
  const flow =
    flowDocuments.find((document) => flowId !== null && document.data.id === flowId) ??
    flowDocuments.find((document) => document.data.channels === undefined) ??
    flowDocuments[0];
  if (!flow) return { graph: null, error: msg('The draft has no kind: Flow document'), flows };
  // a queue's timeout runs in the Flow of whoever waits: the shared Flow's customers may wait in any queue, a
  // channel's Flow's only in those it hands off to (as the validator sees it)
  const handsOffTo = flow.data.channels === undefined ? null : new Set(handoffQueues(flow.data));
  const queues = documents.flatMap(({ data, rangeOf }): QueueEntry[] => {
    const maxWait = data.maxWait;
    if (data.kind !== 'Queue' || !isRecord(maxWait) || typeof maxWait.then !== 'string') return [];
    if (handsOffTo && !handsOffTo.has(text(data.id))) return [];
    return [{ id: text(data.id), minutes: typeof maxWait.minutes === 'number' ? maxWait.minutes : 0, then: maxWait.then, source: rangeOf('/maxWait') }];
  });
  return { graph: buildGraph(flow.file, flow.data, flow.rangeOf, queues), error: null, flows };
}

function buildGraph(file: string, flow: Record<string, unknown>, rangeOf: (at: string) => SourceRange | null, queues: readonly QueueEntry[]): FlowGraph {
  const triggers = (Array.isArray(flow.triggers) ? flow.triggers : []).filter((t): t is Trigger => isRecord(t) && typeof t.id === 'string');
  const steps = (Array.isArray(flow.steps) ? flow.steps : []).filter((s): s is Step => isRecord(s) && typeof s.id === 'string');
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const stepIds = new Set(steps.map((step) => step.id));
  const missing = new Set<string>();
  const target = (id: string) => {
    if (stepIds.has(id)) return `step:${id}`;
    missing.add(id);
    return `missing:${id}`;
  };
  const rawTriggers: unknown[] = Array.isArray(flow.triggers) ? flow.triggers : [];
  for (const trigger of triggers) {
    const at = pointer('triggers', rawTriggers.indexOf(trigger));
    nodes.push({ key: `trigger:${trigger.id}`, kind: 'trigger', id: trigger.id, ...triggerType(trigger), source: rangeOf(at), unreachable: null });
    if (typeof trigger.goto === 'string') edges.push({ from: `trigger:${trigger.id}`, to: target(trigger.goto), kind: 'trigger', label: trigger.duringHuman ? msg('also during a human chat', { desc: 'a graph edge: a trigger with duringHuman, which also fires while an operator has the chat' }) : '' });
  }
  for (const queue of queues) {
    const key = `queue:${queue.id}`;
    nodes.push({ key, kind: 'queue', id: queue.id, type: 'queue', summary: msg(str`nobody answered in ${duration(queue.minutes, 'minute')}`, { desc: "a graph node: a queue's maxWait timeout" }), source: queue.source, unreachable: null });
    edges.push({ from: key, to: target(queue.then), kind: 'max-wait', label: msg('max wait', { desc: "a graph edge: where a queue's maxWait timeout goes" }) });
  }
  const reachable = reachableSteps(steps, [...triggers.map((trigger) => trigger.goto), ...queues.map((queue) => queue.then)]);
  const rawSteps: unknown[] = Array.isArray(flow.steps) ? flow.steps : [];
  const incoming = new Map<string, string[]>();
  for (const step of steps) {
    const i = rawSteps.indexOf(step);
    for (const next of stepTargets(step, i)) {
      edges.push({ from: `step:${step.id}`, to: target(next.to), kind: next.kind, label: short(next.label, 32) });
      incoming.set(next.to, [...(incoming.get(next.to) ?? []), step.id]);
    }
  }
  for (const step of steps) {
    const from = incoming.get(step.id) ?? [];
    const why = reachable.has(step.id)
      ? null
      : from.length
        ? from.length === 1
          ? msg(str`Unreachable: only "${from[0]}" leads here, and nothing reaches it`)
          : msg(str`Unreachable: only ${from.map((id) => `"${id}"`).join(', ')} lead here, and nothing reaches them`)
        : msg('Unreachable: no trigger, queue timeout or step leads here');
    nodes.push({ key: `step:${step.id}`, kind: 'step', id: step.id, ...stepType(step), source: rangeOf(pointer('steps', rawSteps.indexOf(step))), unreachable: why });
  }
  for (const id of missing) {
    nodes.push({ key: `missing:${id}`, kind: 'missing', type: 'missing', id, summary: msg('no such step', { desc: 'a graph node: a step referred to but not written' }), source: null, unreachable: null });
  }
  return { flowId: text(flow.id), file, nodes, edges };
}
