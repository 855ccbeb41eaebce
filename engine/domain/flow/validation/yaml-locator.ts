/** Maps a JSON pointer in a parsed YAML document back to the line and column where it was written. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Scalar } from 'yaml';
import { pointerSegments } from './json-pointer.ts';

export interface Position {
  line: number;
  col: number;
}

interface Found {
  node: Node | null;
  key: Node | null;
}

export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly source: string,
  ) {}

  /**
   * Position of the value at `pointer`, or of its key when `key` is true (unknown-key errors). A
   * pointer that runs past what was written (a missing key) stops at the deepest node that exists.
   */
  locate(pointer: string, key = false): Position {
    const found = this.find(pointer);
    const target = key && found.key ? found.key : found.node;
    return this.position(target?.range?.[0] ?? this.doc.range?.[0] ?? 0);
  }

  /**
   * Position of character `offset` inside the string at `pointer` (a CEL or Liquid error). Exact for a
   * plain or quoted scalar written on one line without escapes; otherwise the start of the scalar.
   */
  locateInString(pointer: string, offset: number): Position {
    const { node } = this.find(pointer);
    if (!isScalar(node) || !node.range) return this.locate(pointer);
    const start = node.range[0];
    const inside = this.contentStart(node, this.source.slice(start, node.range[1]));
    if (inside === null || offset < 0) return this.position(start);
    return this.position(start + inside + Math.min(offset, String(node.value).length));
  }

  /** Where the value's first character is inside its written form, or null when they differ. */
  private contentStart(node: Scalar, written: string): number | null {
    const value = String(node.value);
    if (node.type === 'PLAIN') return written === value ? 0 : null;
    if (node.type === 'QUOTE_SINGLE') return written === `'${value}'` ? 1 : null;
    if (node.type === 'QUOTE_DOUBLE') return written === `"${value}"` ? 1 : null;
    return null;
  }

  private position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  private find(pointer: string): Found {
    let node: unknown = this.doc.contents;
    let key: unknown = null;
    for (const segment of pointerSegments(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        key = pair.key;
        // `say:` with nothing after it: the key is the closest thing that was written
        node = isEmpty(pair.value) ? pair.key : pair.value;
      } else if (isSeq(node)) {
        const child = node.items[Number(segment)];
        if (child === undefined) break;
        key = null;
        node = child;
      } else {
        break;
      }
    }
    return { node: asNode(node), key: asNode(key) };
  }
}

function isEmpty(value: unknown): boolean {
  return value === null || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
}

function asNode(value: unknown): Node | null {
  return isMap(value) || isSeq(value) || isScalar(value) ? value : null;
}
