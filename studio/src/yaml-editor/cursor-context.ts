/**
 * Where the cursor is in a YAML file, as the schemas see it: which document (its kind), the path
 * to the mapping or value being written, and whether a key or a value is being typed. Text being
 * typed is rarely valid YAML, so the word at the cursor is swapped for a marker key or value and
 * the file parsed again; the marker's place in the tree is the answer.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { PathSegment } from './schema-navigator.ts';

const MARKER = 'baton-cursor-marker';

export interface CursorContext {
  /** the `kind` of the document the cursor is in, when it has one */
  kind: string | null;
  /** path to the mapping a key is typed in, or to the value being typed */
  path: PathSegment[];
  position: 'key' | 'value';
  /** the keys already written in the mapping a key is typed in */
  siblingKeys: string[];
  /** the partial word before the cursor, and where it starts */
  word: string;
  from: number;
  /** where the word ends (it may go on after the cursor) */
  to: number;
}

const WORD = /[\w$.-]/;

function wordAround(text: string, offset: number): { from: number; to: number } {
  let from = offset;
  while (from > 0 && WORD.test(text[from - 1] ?? '')) from--;
  let to = offset;
  while (to < text.length && WORD.test(text[to] ?? '')) to++;
  return { from, to };
}

/** 'value' after `key: ` or a `- ` item of a flow list; otherwise a key is being typed. */
function positionOf(text: string, from: number): 'key' | 'value' {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const before = text.slice(lineStart, from);
  // the part of the line since the last flow separator: `{ a: b, c` -> ` c`
  const segment = before.slice(Math.max(before.lastIndexOf('{'), before.lastIndexOf(','), before.lastIndexOf('[')) + 1);
  if (/:\s+$/.test(segment) || /:$/.test(segment)) return 'value';
  // inside [ ... ] every entry is a value
  const lastOpen = Math.max(before.lastIndexOf('['), before.lastIndexOf('{'));
  if (lastOpen >= 0 && before[lastOpen] === '[') return 'value';
  return 'key';
}

interface Found {
  path: PathSegment[];
  position: 'key' | 'value';
  siblingKeys: string[];
}

function findMarker(node: unknown, path: PathSegment[]): Found | null {
  if (isScalar(node)) return node.value === MARKER ? { path, position: 'value', siblingKeys: [] } : null;
  if (isMap(node)) {
    const keys = node.items.flatMap((item) => (isPair(item) && isScalar(item.key) ? [String(item.key.value)] : []));
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? item.key.value : null;
      if (key === MARKER) return { path, position: 'key', siblingKeys: keys.filter((name) => name !== MARKER) };
      const found = findMarker(item.value, [...path, String(key)]);
      if (found) return found;
    }
  }
  if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const found = findMarker(item, [...path, i]);
      if (found) return found;
    }
  }
  return null;
}

function kindOf(doc: Document): string | null {
  const contents = doc.contents;
  if (!isMap(contents)) return null;
  const kind = contents.get('kind');
  return typeof kind === 'string' && kind !== MARKER ? kind : null;
}

/** The context at `offset`, or null where the marker lands nowhere sensible (inside a comment, say). */
export function cursorContext(text: string, offset: number): CursorContext | null {
  const { from, to } = wordAround(text, offset);
  const position = positionOf(text, from);
  const replacement = position === 'key' ? `${MARKER}:` : MARKER;
  // a key typed on a line of its own ends before the rest of the line; keep the rest only for values
  const after = position === 'key' ? text.slice(to).replace(/^[^\n,}]*?(?=[,}\n]|$)/, '') : text.slice(to);
  const marked = text.slice(0, from) + replacement + after;
  for (const doc of parseAllDocuments(marked)) {
    if (!('contents' in doc)) continue;
    const found = findMarker(doc.contents, []);
    if (found) return { kind: kindOf(doc), ...found, word: text.slice(from, offset), from, to };
  }
  return null;
}
