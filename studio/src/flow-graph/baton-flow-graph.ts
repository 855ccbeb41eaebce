import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';
import { formatLocale } from '../i18n/format-locale.ts';
import { flowGraphStyles } from './baton-flow-graph.styles.ts';
import { flowGraph, type DraftFlow, type FlowGraph, type GraphNode } from './flow-graph-model.ts';
import { FlowNodeSelectEvent } from './flow-node-select-event.ts';
import { layoutFlowGraph, type GraphLayout, type PlacedEdge, type PlacedNode } from './layout-flow-graph.ts';

/** what a node is, before its id: the step or trigger type as the DSL writes it (`say`, `keyword`), or a queue timeout or missing step in words */
const typeName = (node: GraphNode): string =>
  node.kind === 'queue'
    ? msg('queue timeout', { desc: "a graph node's type: a queue's maxWait timeout" })
    : node.kind === 'missing'
      ? msg('missing step', { desc: "a graph node's type: a step referred to but not written" })
      : node.type;

/** a Flow in the picker: its id, and the channels it answers */
const flowLabel = (flow: DraftFlow): string =>
  flow.channels.length === 0
    ? msg(str`${flow.id} (shared: every other channel)`, { desc: 'the flow graph picker: the Flow every LINE channel without its own runs' })
    : msg(str`${flow.id} (channels: ${flow.channels.join(', ')})`, { desc: 'the flow graph picker: a Flow of some LINE channels only' });

/** the node read aloud (aria-label) and in its tooltip */
function describe(node: GraphNode): string {
  const what =
    node.kind === 'step'
      ? msg(str`${node.type} step ${node.id}`, { desc: 'a graph node read aloud: the step type as written in YAML (say, ask…), then its id' })
      : node.kind === 'trigger'
        ? msg(str`${node.type} trigger ${node.id}`, { desc: 'a graph node read aloud: the trigger type as written in YAML (keyword, postback…), then its id' })
        : `${typeName(node)} ${node.id}`;
  const summary = node.summary ? `: ${node.summary}` : '';
  return node.source ? msg(str`${what}${summary} (${node.source.file}:${node.source.line}); select to show its YAML`) : `${what}${summary}`;
}

/**
 * `<baton-flow-graph>`: the draft's Flow drawn from its YAML: triggers (and queue timeouts) at the
 * top, then the steps with their branches (next, if/else, open/closed/holiday, on fail, on close).
 * Steps nothing reaches are greyed, their tooltip says why; a step referred to but not written is
 * drawn dashed red. While the Flow's file has a syntax error the last good drawing stays, with a note.
 *
 * A draft with several Flows (one per LINE channel, docs/flows.md) draws one at a time: the shared Flow
 * first, the others from a picker above the graph.
 *
 * Properties: `files` (FlowSource[]): the draft's (or version's) files.
 *
 * @event flow-node-select - `FlowNodeSelectEvent.source`: a node was clicked (or Enter/Space on it)
 */
export class BatonFlowGraph extends LitElement {
  static override styles = flowGraphStyles;
  static override properties = {
    files: { attribute: false },
    graph: { state: true },
    problem: { state: true },
    flows: { state: true },
    flowId: { state: true },
  };

  declare files: readonly FlowSource[];
  /** the last graph drawn from YAML that parsed */
  declare graph: FlowGraph | null;
  /** why the graph shown is not the current YAML's */
  declare problem: string | null;
  /** every Flow of the draft, for the picker */
  declare flows: DraftFlow[];
  /** the Flow picked; null: the shared one */
  declare flowId: string | null;
  #layout: GraphLayout | null = null;
  /** the language (its Intl locale) the graph's words were drawn in: another one draws it again */
  #locale = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.files = [];
    this.graph = null;
    this.problem = null;
    this.flows = [];
    this.flowId = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('files') && !changed.has('flowId') && this.#locale === formatLocale()) return;
    this.#locale = formatLocale();
    const result = flowGraph(this.files, this.flowId);
    this.problem = result.error;
    if (result.flows.length > 0) this.flows = result.flows;
    if (result.graph) {
      this.graph = result.graph;
      this.#layout = layoutFlowGraph(result.graph);
    }
  }

  #select(node: GraphNode): void {
    if (node.source) this.dispatchEvent(new FlowNodeSelectEvent(node.source));
  }

  #onKey(event: KeyboardEvent, node: GraphNode): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    this.#select(node);
  }

  /** which Flow to draw, when the draft has more than one */
  #renderPicker() {
    if (this.flows.length < 2) return nothing;
    const shown = this.graph?.flowId;
    return html`<label class="picker"
      >${msg('Flow')}
      <select data-testid="graph-flow" @change=${(e: Event) => (this.flowId = (e.target as HTMLSelectElement).value)}>
        ${this.flows.map((flow) => html`<option value=${flow.id} ?selected=${flow.id === shown}>${flowLabel(flow)}</option>`)}
      </select>
    </label>`;
  }

  override render() {
    const layout = this.#layout;
    const unreachable = this.graph?.nodes.filter((node) => node.unreachable).length ?? 0;
    return html`${this.#renderPicker()}${this.problem
        ? html`<div class="notice" role="status" data-testid="graph-problem">${this.graph ? msg(str`${this.problem} (showing the flow as it last read)`) : this.problem}</div>`
        : nothing}
      ${this.graph && layout
        ? html`<div class="legend" data-testid="graph-legend">
              <span>${this.graph.file}</span>
              <span>${msg('Click a step to see its YAML.')}</span>
              ${unreachable
                ? html`<span data-testid="graph-unreachable-count"
                    >${unreachable === 1 ? msg('1 unreachable step (greyed)') : msg(str`${unreachable} unreachable steps (greyed)`)}</span
                  >`
                : nothing}
            </div>
            <svg
              data-testid="flow-graph"
              role="group"
              aria-label=${msg('Flow graph')}
              width=${layout.width}
              height=${layout.height}
              viewBox="0 0 ${layout.width} ${layout.height}"
            >
              <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path class="arrow" d="M 0 0 L 10 5 L 0 10 z"></path>
                </marker>
              </defs>
              ${layout.edges.map((edge) => this.#renderEdge(edge))} ${layout.nodes.map((node) => this.#renderNode(node))}
            </svg>`
        : nothing}`;
  }

  #renderEdge({ edge, points, label }: PlacedEdge) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
    const width = edge.label.length * 6.5 + 8;
    return svg`<g class="edge ${edge.kind}" data-testid="graph-edge" data-from=${edge.from} data-to=${edge.to} data-kind=${edge.kind}>
      <path d=${d} marker-end="url(#arrow)"></path>
      ${label
        ? svg`<g class="edge-label"><rect x=${label.x - width / 2} y=${label.y - 8} width=${width} height="16" rx="3"></rect>
            <text x=${label.x} y=${label.y + 4} text-anchor="middle">${edge.label}</text></g>`
        : nothing}
    </g>`;
  }

  #renderNode({ node, x, y, width, height }: PlacedNode) {
    const classes = ['node', node.kind, node.type, node.unreachable ? 'unreachable' : ''].join(' ');
    return svg`<g
      class=${classes}
      transform="translate(${x.toFixed(1)} ${y.toFixed(1)})"
      tabindex=${node.source ? '0' : '-1'}
      role="button"
      aria-label=${describe(node)}
      data-testid="graph-node"
      data-node=${node.key}
      data-unreachable=${node.unreachable ? 'true' : 'false'}
      @click=${() => this.#select(node)}
      @keydown=${(event: KeyboardEvent) => this.#onKey(event, node)}
    >
      <title>${node.unreachable ?? describe(node)}</title>
      <rect width=${width} height=${height} rx="8"></rect>
      <text class="title" x="12" y="19"><tspan class="type">${typeName(node)} </tspan>${node.id}</text>
      <text class="summary" x="12" y="36">${node.summary}</text>
    </g>`;
  }
}

customElements.define('baton-flow-graph', BatonFlowGraph);

declare global {
  interface HTMLElementTagNameMap {
    'baton-flow-graph': BatonFlowGraph;
  }
}
