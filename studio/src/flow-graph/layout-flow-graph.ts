/**
 * Places the flow graph's nodes and routes its edges with dagre, top to bottom: triggers first,
 * then the steps in the order they run. Sizes are estimated from the text (no page to measure in),
 * generous enough for the node's two lines.
 */
import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel, type Point } from '@dagrejs/dagre';
import type { FlowGraph, GraphEdge, GraphNode } from './flow-graph-model.ts';

export interface PlacedNode {
  node: GraphNode;
  /** the box's top-left corner and size */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  edge: GraphEdge;
  points: Point[];
  /** where the label's centre goes */
  label: Point | null;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const NODE_HEIGHT = 46;
const CHAR_WIDTH = 7;
const LABEL_HEIGHT = 16;

/** Long enough for the longer of the node's two lines, within reason (the summary is cut to 40 characters). */
export function nodeWidth(node: GraphNode): number {
  const title = `${node.type} ${node.id}`.length;
  return Math.min(300, Math.max(130, Math.max(title, node.summary.length) * CHAR_WIDTH + 24));
}

export function layoutFlowGraph(graph: FlowGraph): GraphLayout {
  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 12, marginx: 12, marginy: 12 });
  for (const node of graph.nodes) g.setNode(node.key, { width: nodeWidth(node), height: NODE_HEIGHT });
  graph.edges.forEach((edge, i) => {
    const labelled = edge.label !== '';
    g.setEdge(edge.from, edge.to, { width: labelled ? edge.label.length * 6.5 + 8 : 0, height: labelled ? LABEL_HEIGHT : 0, labelpos: 'c' }, String(i));
  });
  layout(g);
  const nodes = graph.nodes.map((node): PlacedNode => {
    const placed = g.node(node.key);
    const width = placed.width;
    const height = placed.height;
    return { node, x: (placed.x ?? 0) - width / 2, y: (placed.y ?? 0) - height / 2, width, height };
  });
  const edges = graph.edges.map((edge, i): PlacedEdge => {
    const placed = g.edge(edge.from, edge.to, String(i));
    const label = edge.label && placed.x !== undefined && placed.y !== undefined ? { x: placed.x, y: placed.y } : null;
    return { edge, points: placed.points ?? [], label };
  });
  const size = g.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}
