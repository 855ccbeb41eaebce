/**
 * What hovering a key or value in a flow file explains: the schema's description of that field,
 * the same text docs/flows.md is generated from.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { isDocumentKind } from '../../../engine/domain/flow/validation/schema-catalog.ts';
import { descriptionOf, kindSchema, schemasAt, type PathSegment } from './schema-navigator.ts';

export interface FlowHover {
  /** the key or value hovered */
  from: number;
  to: number;
  /** the key the description is about, or the document kind for the `kind` value */
  title: string;
  description: string;
}

interface Spot {
  path: PathSegment[];
  from: number;
  to: number;
}

function holds(range: readonly number[] | null | undefined, offset: number): boolean {
  return !!range && range[0] !== undefined && range[1] !== undefined && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
}

/** The path of the scalar (key or value) under `offset`, and its span. */
function spotAt(node: unknown, offset: number, path: PathSegment[]): Spot | null {
  if (isScalar(node)) return node.range && holds(node.range, offset) ? { path, from: node.range[0], to: node.range[1] } : null;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const childPath = [...path, String(item.key.value)];
      if (item.key.range && holds(item.key.range, offset)) return { path: childPath, from: item.key.range[0], to: item.key.range[1] };
      const inner = spotAt(item.value, offset, childPath);
      if (inner) return inner;
    }
  }
  if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const inner = spotAt(item, offset, [...path, i]);
      if (inner) return inner;
    }
  }
  return null;
}

export function flowHover(text: string, offset: number): FlowHover | null {
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc) || !holds(doc.range, offset)) continue;
    const kind: unknown = isMap(doc.contents) ? doc.contents.get('kind') : undefined;
    if (typeof kind !== 'string' || !isDocumentKind(kind)) return null;
    const spot = spotAt(doc.contents, offset, []);
    if (!spot) return null;
    const root = kindSchema(kind);
    // on the kind itself, the kind's own description says what the document is
    const isKind = spot.path.length === 1 && spot.path[0] === 'kind';
    const description = isKind ? descriptionOf([root]) : descriptionOf(schemasAt(root, spot.path));
    if (!description) return null;
    const named = [...spot.path].reverse().find((segment) => typeof segment === 'string');
    return { from: spot.from, to: spot.to, title: isKind ? kind : String(named ?? kind), description };
  }
  return null;
}
