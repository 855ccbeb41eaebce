/**
 * Edits one document of a YAML text the way a person would: only the value that changes is
 * rewritten, so comments, key order, quoting and layout everywhere else stay byte for byte.
 *
 * yaml's Document API is the authority on what the edit means: every change is also applied to a
 * Document with `setIn` / `deleteIn` / `addIn`, and the text that comes out must parse to the same
 * data. Should a splice ever miss (an unusual layout), the document is written by yaml's own
 * stringifier from that edited Document instead (comments kept, that document's layout
 * normalised) rather than anything wrong.
 *
 * @example
 * const text = new YamlTextEdit(source, 0).set(['weekly', 'sun'], ['10:00-12:00'], { flow: true }).text;
 */
import { msg, str } from '@lit/localize';
import { Document, isMap, isNode, isPair, isScalar, isSeq, parseAllDocuments, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { FormInputError } from './form-input-error.ts';
import { sameData } from './same-data.ts';

export type YamlPath = readonly (string | number)[];

export interface SetOptions {
  /** write a collection in flow style (`[a, b]`, `{ k: v }`); otherwise block style, or as the value it replaces was written */
  flow?: boolean;
  /** where a new key goes among its siblings: after the last existing key listed before it */
  order?: readonly string[];
  /** inside a new block value, which collections are written in flow style (paths relative to the value) */
  flowInside?: (path: YamlPath) => boolean;
}

type ParsedDocument = ReturnType<typeof parseAllDocuments>[number];

function parseDocuments(text: string): ParsedDocument[] {
  const docs = parseAllDocuments(text);
  return Array.isArray(docs) ? docs : [];
}

/** Lines of a YAML document, or the first syntax error in words a form can show. */
export function documentAt(text: string, index: number): ParsedDocument {
  const doc = parseDocuments(text)[index];
  if (!doc) throw new FormInputError(msg(str`the file has no YAML document number ${index + 1}`));
  const error = doc.errors[0];
  if (error) {
    const line = text.slice(0, error.pos[0]).split('\n').length;
    throw new FormInputError(msg(str`the YAML has a syntax error on line ${line}: fix it in the YAML view first`));
  }
  return doc;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const columnOf = (text: string, offset: number) => offset - lineStart(text, offset);

function lineEndAfter(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

/** A scalar written as it would be inside a flow collection (quoted where a comma or bracket would confuse it). */
function flowScalar(value: unknown, like?: Scalar): string {
  const scalar = new Scalar(value);
  // digits and punctuation (times, dates) are quoted, so no YAML reader takes them for a number or a date
  if (typeof value === 'string' && (value.includes('\n') || /^[\d:.+\- ]+$/.test(value))) scalar.type = Scalar.QUOTE_DOUBLE;
  else if (typeof value === 'string' && (like?.type === Scalar.QUOTE_DOUBLE || like?.type === Scalar.QUOTE_SINGLE)) scalar.type = like.type;
  const doc = new Document([scalar], { version: '1.2' });
  if (isSeq(doc.contents)) doc.contents.flow = true;
  // inside [ ] yaml quotes what a flow context needs; the brackets come off again
  const written = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
  return written.slice(1, -1);
}

/** Flow style as the shipped files write it: `[a, b]` for lists, `{ k: v }` for mappings. */
function renderFlow(value: unknown, like?: Scalar): string {
  if (Array.isArray(value)) return `[${value.map((item) => renderFlow(item)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${flowScalar(k)}: ${renderFlow(v)}`).join(', ')} }` : '{}';
  }
  return flowScalar(value, like);
}

/** Marks the collections `flowInside` names as flow style. */
function markFlow(node: unknown, at: (string | number)[], flowInside: (path: YamlPath) => boolean): void {
  if (isSeq(node)) {
    node.items.forEach((item, i) => markFlow(item, [...at, i], flowInside));
    if (at.length && flowInside(at)) node.flow = true;
  } else if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) markFlow(pair.value, [...at, String(pair.key.value)], flowInside);
    if (at.length && flowInside(at)) node.flow = true;
  }
}

/** Block style lines, the first unindented (it follows `- ` or sits where the old value started). */
function renderBlock(value: unknown, indent: number, flowInside: (path: YamlPath) => boolean = () => false): string {
  const doc = new Document(value, { version: '1.2' });
  markFlow(doc.contents, [], flowInside);
  // a flow mapping as a list item keeps the shipped files' `- { date: … }`; nested lists read `[a, b]`
  const written = isSeq(doc.contents) && doc.contents.items.every((item) => isMap(item) && item.flow)
    ? doc.contents.items.map((item) => `- ${renderFlow(isMap(item) ? item.toJSON() : item)}`).join('\n')
    : doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const pad = ' '.repeat(indent);
  return written
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

const isCollection = (value: unknown) => typeof value === 'object' && value !== null;

/** Where a node's text ends, its trailing comment and line break included for a value that ends a line. */
function nodeEnd(node: Node): number {
  return node.range?.[2] ?? 0;
}

function pairOf(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
}

/** The start of the comment lines written just above `offset` (at its line start), so they go with what follows them. */
function withCommentsAbove(text: string, offset: number): number {
  let start = lineStart(text, offset);
  for (;;) {
    if (start === 0) return start;
    const previous = lineStart(text, start - 1);
    if (!/^\s*#/.test(text.slice(previous, start))) return start;
    start = previous;
  }
}

export class YamlTextEdit {
  #text: string;
  readonly #index: number;
  /** the same edits through yaml's Document API: what the text must mean at the end */
  readonly #expected: Document;
  #exact = true;

  constructor(text: string, index = 0) {
    this.#text = text;
    this.#index = index;
    this.#expected = documentAt(text, index).clone();
  }

  /** The edited text; untouched parts byte-identical unless `exact` is false. */
  get text(): string {
    const after = documentAt(this.#text, this.#index);
    if (sameData(after.toJS(), this.#expected.toJS())) return this.#text;
    this.#exact = false;
    const [start, , end] = after.range ?? [0, 0, this.#text.length];
    const written = this.#expected.toString({ lineWidth: 0 });
    return this.#text.slice(0, start) + written + this.#text.slice(end);
  }

  /** false when the text had to be rewritten by yaml's stringifier (read `text` first). */
  get exact(): boolean {
    return this.#exact;
  }

  #doc(): ParsedDocument {
    return documentAt(this.#text, this.#index);
  }

  /** Where the key of the value at `path` ends, when that value belongs to a mapping. */
  #keyEndOf(path: YamlPath): number | undefined {
    const doc = this.#doc();
    const key = path[path.length - 1];
    const parent: unknown = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (key === undefined || !isMap(parent)) return undefined;
    const pair = pairOf(parent, key);
    return pair && isNode(pair.key) ? pair.key.range?.[1] : undefined;
  }

  #splice(from: number, to: number, insert: string): void {
    this.#text = this.#text.slice(0, from) + insert + this.#text.slice(to);
  }

  /** Sets the value at `path`, creating the mappings on the way. */
  set(path: YamlPath, value: unknown, options: SetOptions = {}): this {
    if (value === undefined) return this.delete(path);
    this.#expected.setIn(path, this.#expected.createNode(value));
    this.#set(path, value, options);
    return this;
  }

  #set(path: YamlPath, value: unknown, options: SetOptions): void {
    const doc = this.#doc();
    const node: unknown = doc.getIn(path, true);
    const key = path[path.length - 1];
    if (key === undefined) throw new FormInputError('nothing to set');
    const parentPath = path.slice(0, -1);
    const parent: unknown = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
    if (isNode(node) && node.range) {
      this.#replace(node, value, options, this.#keyEndOf(path));
      return;
    }
    if (isSeq(parent) && typeof key === 'number') this.#appendItem(parent, value, options);
    else if (isMap(parent)) this.#insertPair(parent, String(key), value, options);
    else if (parentPath.length) this.#set(parentPath, { [key]: value }, options);
    else throw new FormInputError(msg('the document is not a mapping'));
  }

  /** Writes `value` over `node`; `keyEnd` is where the key of a mapping's value ends. */
  #replace(node: Node, value: unknown, options: SetOptions, keyEnd?: number): void {
    const [start, end] = node.range ?? [0, 0];
    const text = this.#text;
    const blockBefore = (isMap(node) || isSeq(node)) && !node.flow;
    const flow = options.flow ?? (!blockBefore || !isCollection(value));
    // a block value (or a block scalar) ends with its line break: keep one
    const keepBreak = end > start && text[end - 1] === '\n' ? '\n' : '';
    if (!isCollection(value) || flow) {
      const inline = renderFlow(value, isScalar(node) ? node : undefined);
      // a block collection on the lines after its key: the inline value goes back beside the key
      const besideKey = blockBefore && keyEnd !== undefined && startsItsLine(text, start);
      const from = besideKey ? text.indexOf(':', keyEnd) + 1 : start;
      this.#splice(from, end, `${besideKey ? ' ' : ''}${inline}${keepBreak}`);
      return;
    }
    if (blockBefore) {
      this.#splice(start, end, `${renderBlock(value, columnOf(text, start), options.flowInside)}\n`);
      return;
    }
    // a scalar (or nothing, `key:`) becomes a block collection on the lines after its key
    const indent = indentOfLine(text, start) + 2;
    const from = keyEnd !== undefined ? text.indexOf(':', keyEnd) + 1 : start;
    const lineBreak = keepBreak || (text[end] === '\n' || end === text.length ? '' : '\n');
    this.#splice(from, end, `\n${' '.repeat(indent)}${renderBlock(value, indent, options.flowInside)}${lineBreak}`);
  }

  #insertPair(map: YAMLMap, key: string, value: unknown, options: SetOptions): void {
    const text = this.#text;
    if (map.flow) {
      const [start, end] = map.range ?? [0, 0];
      const close = text.lastIndexOf('}', end);
      const entry = `${flowScalar(key)}: ${renderFlow(value)}`;
      if (map.items.length === 0) this.#splice(start, close + 1, `{ ${entry} }`);
      else {
        const last = map.items[map.items.length - 1];
        const lastEnd = isPair(last) && isNode(last.value) ? (last.value.range?.[1] ?? close) : close;
        this.#splice(lastEnd, lastEnd, `, ${entry}`);
      }
      return;
    }
    const indent = map.range ? columnOf(text, map.range[0]) : 0;
    const at = this.#insertionPoint(map, key, options.order);
    const flow = options.flow ?? false;
    const written = !isCollection(value) || flow ? ` ${renderFlow(value)}` : `\n${' '.repeat(indent + 2)}${renderBlock(value, indent + 2, options.flowInside)}`;
    const line = `${' '.repeat(indent)}${flowScalar(key)}:${written}\n`;
    const needsBreak = at > 0 && text[at - 1] !== '\n';
    this.#splice(at, at, (needsBreak ? '\n' : '') + line);
  }

  /** The line start where a new key goes: after its latest predecessor in `order`, before its first successor, else at the end. */
  #insertionPoint(map: YAMLMap, key: string, order: readonly string[] | undefined): number {
    const text = this.#text;
    const pairs = map.items.filter((item): item is Pair<Scalar, unknown> => isPair(item) && isScalar(item.key));
    const endOf = (pair: Pair<Scalar, unknown>) => (isNode(pair.value) ? nodeEnd(pair.value) : lineEndAfter(text, pair.key.range?.[1] ?? 0));
    const rank = order?.indexOf(key) ?? -1;
    if (rank >= 0 && order) {
      const before = pairs.filter((pair) => order.indexOf(String(pair.key.value)) >= 0 && order.indexOf(String(pair.key.value)) < rank).pop();
      if (before) return lineEndAfter(text, endOf(before) - 1);
      const after = pairs.find((pair) => order.indexOf(String(pair.key.value)) > rank);
      if (after) return withCommentsAbove(text, after.key.range?.[0] ?? 0);
    }
    const last = pairs[pairs.length - 1];
    return last ? lineEndAfter(text, endOf(last) - 1) : (map.range?.[1] ?? text.length);
  }

  /** Adds an item at the end of the list at `path` (the list is made when missing). */
  append(path: YamlPath, value: unknown, options: SetOptions = {}): this {
    const node: unknown = this.#doc().getIn(path, true);
    if (!isSeq(node)) return this.set(path, [value], options);
    this.#expected.addIn(path, this.#expected.createNode(value));
    this.#appendItem(node, value, options);
    return this;
  }

  #appendItem(seq: YAMLSeq, value: unknown, options: SetOptions): void {
    const text = this.#text;
    const [start, end] = seq.range ?? [0, 0];
    if (seq.flow) {
      const close = text.lastIndexOf(']', end);
      const last = seq.items[seq.items.length - 1];
      if (isNode(last) && last.range) this.#splice(last.range[1], last.range[1], `, ${renderFlow(value)}`);
      else this.#splice(start, close + 1, `[${renderFlow(value)}]`);
      return;
    }
    const indent = columnOf(text, start);
    const flow = options.flow ?? false;
    const written = !isCollection(value) || flow ? renderFlow(value) : renderBlock(value, indent + 2, options.flowInside);
    const last = seq.items[seq.items.length - 1];
    const at = isNode(last) ? lineEndAfter(text, nodeEnd(last) - 1) : end;
    const needsBreak = at > 0 && text[at - 1] !== '\n';
    this.#splice(at, at, `${needsBreak ? '\n' : ''}${' '.repeat(indent)}- ${written}\n`);
  }

  /** Removes the key or item at `path` with the comment lines just above it; a mapping left empty goes too. */
  delete(path: YamlPath): this {
    const doc = this.#doc();
    if (!doc.hasIn(path)) return this;
    const parentPath = path.slice(0, -1);
    const parent: unknown = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
    const key = path[path.length - 1];
    if (parentPath.length && isMap(parent) && parent.items.length === 1) return this.delete(parentPath);
    this.#expected.deleteIn(path);
    if (isMap(parent) && key !== undefined) {
      const pair = pairOf(parent, key);
      if (pair && isNode(pair.key)) this.#removeEntry(pair.key, isNode(pair.value) ? pair.value : pair.key, parent.flow ?? false);
    } else if (isSeq(parent) && typeof key === 'number') {
      const item: unknown = parent.items[key];
      // the last item: an empty list stays a list
      if (parent.items.length === 1) this.#replace(parent, [], { flow: true }, this.#keyEndOf(parentPath));
      else if (isNode(item)) this.#removeEntry(item, item, parent.flow ?? false, true);
    }
    return this;
  }

  #removeEntry(first: Node, last: Node, flow: boolean, isItem = false): void {
    const text = this.#text;
    const from = first.range?.[0] ?? 0;
    if (flow) {
      const to = last.range?.[1] ?? from;
      const after = /^\s*,\s*/.exec(text.slice(to));
      if (after) this.#splice(from, to + after[0].length, '');
      else {
        const before = /,\s*$/.exec(text.slice(0, from));
        this.#splice(before ? from - before[0].length : from, to, '');
      }
      return;
    }
    // the whole lines: from the `- ` or the key (and the comments above it) to the end of the value
    const start = withCommentsAbove(text, isItem ? text.lastIndexOf('-', from) : from);
    const end = lineEndAfter(text, Math.max(nodeEnd(last) - 1, from));
    this.#splice(start, end, '');
  }
}

function startsItsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

function indentOfLine(text: string, offset: number): number {
  const start = lineStart(text, offset);
  return /^ */.exec(text.slice(start))?.[0].length ?? 0;
}
