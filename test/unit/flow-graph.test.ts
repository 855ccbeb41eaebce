/**
 * The flow graph's model: from the draft's YAML to nodes and edges (triggers → steps → branches →
 * handoff/end), where each node is written, what nothing reaches and why, and a dagre layout that
 * places every node without overlap.
 */
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flowGraph, type FlowGraph } from '../../studio/src/flow-graph/flow-graph-model.ts';
import { layoutFlowGraph } from '../../studio/src/flow-graph/layout-flow-graph.ts';

const shipped = fs.readdirSync('flows').map((file) => ({ file: `flows/${file}`, source: fs.readFileSync(`flows/${file}`, 'utf8') }));

function graphOf(files: { file: string; source: string }[]): FlowGraph {
  const result = flowGraph(files);
  if (!result.graph) throw new Error(result.error);
  return result.graph;
}

const edgesOf = (graph: FlowGraph) => graph.edges.map((e) => `${e.from} -${e.kind}${e.label ? `(${e.label})` : ''}-> ${e.to}`);

test('the shipped flow: triggers start steps, hours branch open/closed, handoffs go on to the survey on close', () => {
  const graph = graphOf(shipped);
  assert.is(graph.file, 'flows/support.flow.yaml');
  const edges = edgesOf(graph);
  for (const expected of [
    'trigger:human -trigger-> step:to-human',
    'trigger:back-to-bot -trigger(also during a human chat)-> step:release',
    'step:to-human -open(open)-> step:handoff',
    'step:to-human -closed(closed)-> step:handoff-after-hours',
    'step:handoff -on-close(on close)-> step:csat',
    'step:release -next-> step:back-with-bot',
    'queue:default -max-wait(max wait)-> step:queue-timeout',
  ]) {
    assert.ok(edges.includes(expected), `${expected} in ${edges.join('\n')}`);
  }
  const human = graph.nodes.find((n) => n.key === 'trigger:human');
  assert.is(human?.type, 'keyword');
  assert.match(human?.summary ?? '', /^agent, human, operator/);
  assert.is(graph.nodes.find((n) => n.key === 'step:back-with-bot')?.summary, 'back to the bot');
  // the queue's timeout reaches queue-timeout: nothing in the shipped flow is unreachable
  assert.equal(graph.nodes.filter((n) => n.unreachable).map((n) => n.key), []);
});

test('a node knows where its YAML is: the span of the step and its line', () => {
  const graph = graphOf(shipped);
  const source = shipped.find((f) => f.file === 'flows/support.flow.yaml')?.source ?? '';
  const handoff = graph.nodes.find((n) => n.key === 'step:handoff')?.source;
  assert.ok(handoff);
  assert.is(handoff.file, 'flows/support.flow.yaml');
  assert.is(source.slice(handoff.from, handoff.to).split('\n')[0], 'id: handoff');
  assert.is(source.split('\n')[handoff.line - 1], '  - id: handoff');
  const queue = graph.nodes.find((n) => n.key === 'queue:default')?.source;
  assert.is(queue?.file, 'flows/queue.yaml');
});

test('a new step appears as a node; unreached, it is greyed with the reason, and what it leads to too', () => {
  const flow = 'kind: Flow\nid: f\ntriggers:\n  - { id: hi, event: follow, goto: welcome }\nsteps:\n  - id: welcome\n    say: { text: Hi }\n  - id: lonely\n    say: { text: alone }\n    next: after\n  - id: after\n    end: true\n';
  const graph = graphOf([{ file: 'f.yaml', source: flow }]);
  assert.equal(graph.nodes.map((n) => n.key), ['trigger:hi', 'step:welcome', 'step:lonely', 'step:after']);
  const why = (key: string) => graph.nodes.find((n) => n.key === key)?.unreachable;
  assert.is(why('step:welcome'), null);
  assert.is(why('step:lonely'), 'Unreachable: no trigger, queue timeout or step leads here');
  assert.is(why('step:after'), 'Unreachable: only "lonely" leads here, and nothing reaches it');
});

test('routes, branches, ask onFail, goto and a step that is not written', () => {
  const flow = [
    'kind: Flow',
    'id: f',
    'triggers:',
    '  - { id: t, keyword: { any: [order] }, goto: ask }',
    'steps:',
    '  - id: ask',
    '    ask: { text: "Order?", into: order, onFail: sorry }',
    '    next:',
    '      - { if: "vars.order != \'\'", then: pick }',
    '      - { else: sorry }',
    '  - id: pick',
    '    branch:',
    '      - { if: "customer.tags.exists(t, t == \'vip\')", then: jump }',
    '      - { else: nowhere }',
    '  - id: jump',
    '    goto: sorry',
    '  - id: sorry',
    '    say: { text: Sorry }',
  ].join('\n');
  const edges = edgesOf(graphOf([{ file: 'f.yaml', source: flow }]));
  assert.ok(edges.includes('step:ask -on-fail(on fail)-> step:sorry'));
  assert.ok(edges.includes("step:ask -if(if vars.order != '')-> step:pick"));
  assert.ok(edges.includes('step:ask -else(else)-> step:sorry'));
  assert.ok(edges.includes('step:pick -else(else)-> missing:nowhere'));
  assert.ok(edges.includes('step:jump -goto-> step:sorry'));
  assert.ok(edges.includes('step:pick -if(if customer.tags.exists(t, t ==…)-> step:jump'), 'a long condition is cut short');
});

test('a syntax error in the flow file is named with its line; a set without a Flow says so', () => {
  const broken = flowGraph([{ file: 'flows/support.flow.yaml', source: 'kind: Flow\nsteps: [\n' }]);
  assert.is(broken.graph, null);
  assert.match(broken.error ?? '', /^flows\/support\.flow\.yaml has a YAML syntax error on line \d+/);
  assert.is(flowGraph([{ file: 'a.yaml', source: 'kind: Survey\nid: s\n' }]).error, 'The draft has no kind: Flow document');
});

test('the layout places every node inside the drawing, no two overlapping, and every edge has a route', () => {
  const placed = layoutFlowGraph(graphOf(shipped));
  for (const a of placed.nodes) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= placed.width && a.y + a.height <= placed.height, `${a.node.key} inside`);
    for (const b of placed.nodes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `${a.node.key} and ${b.node.key} do not overlap`);
    }
  }
  assert.ok(placed.edges.every((e) => e.points.length >= 2));
  const top = (key: string) => placed.nodes.find((n) => n.node.key === key)?.y ?? -1;
  assert.ok(top('trigger:human') < top('step:to-human') && top('step:to-human') < top('step:handoff'), 'drawn top to bottom in the order they run');
});

test.run();
