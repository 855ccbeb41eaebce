/**
 * Where to underline a problem: the validator names a line and column (1-based, as the CLI prints
 * them); the editor needs a span of characters. The span is the YAML node that starts there (a key,
 * a value) or, inside a string (a CEL or Liquid error), the rest of that string; on a mapping or a
 * list only the rest of its first line, so a whole step is not underlined.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';

export interface TextRange {
  from: number;
  to: number;
}

/** The character offset of a 1-based line and column, clamped into the text. */
export function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let row = 1; row < line; row++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(col, 1) - 1, end);
}

/**
 * The node a problem at `offset` is about: a mapping or list that starts there (a problem of the
 * whole step), else the innermost node that holds it.
 */
function nodeAt(node: unknown, offset: number): Node | null {
  if (!(isMap(node) || isSeq(node) || isScalar(node)) || !node.range) return null;
  const [start, end] = node.range;
  if (offset < start || offset >= Math.max(end, start + 1)) return null;
  if ((isMap(node) || isSeq(node)) && start !== offset) {
    for (const item of node.items) {
      const inner = isPair(item) ? (nodeAt(item.key, offset) ?? nodeAt(item.value, offset)) : nodeAt(item, offset);
      if (inner) return inner;
    }
  }
  return node;
}

function lineEndOf(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

export function problemRange(text: string, line: number, col: number): TextRange {
  const from = offsetOf(text, line, col);
  const lineEnd = lineEndOf(text, from);
  let to = lineEnd;
  for (const doc of parseAllDocuments(text)) {
    const node = 'contents' in doc ? nodeAt(doc.contents, from) : null;
    if (!node?.range) continue;
    to = isScalar(node) ? Math.min(node.range[1], Math.max(lineEnd, from)) : lineEnd;
    // a scalar written over several lines is underlined on its first
    if (isScalar(node) && node.range[1] > lineEnd) to = lineEnd;
    break;
  }
  if (to <= from) to = Math.min(from + 1, text.length);
  // nothing to underline at the very end of the text: mark the character before
  if (to <= from && from > 0) return { from: from - 1, to: from };
  return { from, to };
}
