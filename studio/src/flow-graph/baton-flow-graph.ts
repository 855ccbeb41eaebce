import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import type { FlowSource } from '../../../engine/domain/flow/validation/validate-flow-set.ts';
import { flowGraphStyles } from './baton-flow-graph.styles.ts';
import { flowGraph, type FlowGraph, type GraphNode } from './flow-graph-model.ts';
import { FlowNodeSelectEvent } from './flow-node-select-event.ts';
import { layoutFlowGraph, type GraphLayout, type PlacedEdge, type PlacedNode } from './layout-flow-graph.ts';

const TYPE_NAMES: Readonly<Record<string, string>> = { trigger: 'trigger', queue: 'queue timeout', missing: 'missing step' };

function describe(node: GraphNode): string {
  const what = node.kind === 'step' ? `${node.type} step` : node.kind === 'trigger' ? `${node.type} trigger` : (TYPE_NAMES[node.kind] ?? node.kind);
  const where = node.source ? ` (${node.source.file}:${node.source.line}); select to show its YAML` : '';
  return `${what} ${node.id}${node.summary ? `: ${node.summary}` : ''}${where}`;
}

/**
 * `<baton-flow-graph>`: the draft's Flow drawn from its YAML: triggers (and queue timeouts) at the
 * top, then the steps with their branches (next, if/else, open/closed/holiday, on fail, on close).
 * Steps nothing reaches are greyed, their tooltip says why; a step referred to but not written is
 * drawn dashed red. While the Flow's file has a syntax error the last good drawing stays, with a note.
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
  };

  declare files: readonly FlowSource[];
  /** the last graph drawn from YAML that parsed */
  declare graph: FlowGraph | null;
  /** why the graph shown is not the current YAML's */
  declare problem: string | null;
  #layout: GraphLayout | null = null;

  constructor() {
    super();
    this.files = [];
    this.graph = null;
    this.problem = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('files')) return;
    const result = flowGraph(this.files);
    this.problem = result.error;
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

  override render() {
    const layout = this.#layout;
    const unreachable = this.graph?.nodes.filter((node) => node.unreachable).length ?? 0;
    return html`${this.problem
        ? html`<div class="notice" role="status" data-testid="graph-problem">${this.problem}${this.graph ? ' (showing the flow as it last read)' : ''}</div>`
        : nothing}
      ${this.graph && layout
        ? html`<div class="legend">
              <span>${this.graph.file}</span>
              <span>Click a step to see its YAML.</span>
              ${unreachable ? html`<span data-testid="graph-unreachable-count">${unreachable} unreachable step${unreachable === 1 ? '' : 's'} (greyed)</span>` : nothing}
            </div>
            <svg
              data-testid="flow-graph"
              role="group"
              aria-label="Flow graph"
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
      <text class="title" x="12" y="19"><tspan class="type">${node.kind === 'step' || node.kind === 'trigger' ? node.type : (TYPE_NAMES[node.kind] ?? node.type)} </tspan>${node.id}</text>
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
