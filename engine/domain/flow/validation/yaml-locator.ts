/** Maps a JSON pointer in a parsed YAML document back to the line and column where it was written. */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

function decode(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the value at `pointer`, or of its key when `key` is true (unknown-key errors). */
  locate(pointer: string, key = false): Position {
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(decode);
    let node: unknown = this.doc.contents;
    let keyNode: unknown = null;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node)) {
        const child = node.items[Number(segment)];
        if (child === undefined) break;
        keyNode = null;
        node = child;
      } else {
        break;
      }
    }
    const target = (key && keyNode ? keyNode : node) as Node | null;
    const offset = target?.range?.[0] ?? 0;
    return this.lines.linePos(offset);
  }
}
