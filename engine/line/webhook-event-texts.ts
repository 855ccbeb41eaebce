/**
 * Each event of a LINE webhook body as the exact text LINE sent, cut out of the body instead of
 * serialised again after parsing: what is stored is what LINE said, and re-serialising every event
 * was a tenth of the CPU of ingesting one (docs/performance.md).
 *
 * What is stored must be the event that was checked, for any reader of the text. A cut-out is kept
 * only when that is certain, and answers null otherwise (the caller then serialises the parsed
 * events): the body must be an object with one "events" key holding an array of objects, every key
 * in the body must be written without escapes (`"ev\u0065nts"` is "events" to JSON.parse but not to
 * a scan of the text) and no object may repeat a key (parsers disagree on which copy wins, and a
 * cut-out event with two "text" keys is two different messages). Nesting deeper than
 * MAX_EVENT_DEPTH inside an event also answers null, so a caller that got texts knows every event
 * is shallow enough to walk.
 *
 * The body must already have parsed as JSON, so only strings, keys and nesting need following.
 */
import { MAX_EVENT_DEPTH } from './json-hazard.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const SPACE = 0x20;

/** the body object, the events array, then the event itself is level 1 of MAX_EVENT_DEPTH */
const MAX_DEPTH = 2 + MAX_EVENT_DEPTH;

/** The texts of the elements of the body's top-level "events" array, or null when not certain they are exactly the parsed events. */
export function webhookEventTexts(body: string): string[] | null {
  let start = 0;
  while (start < body.length && body.charCodeAt(start) <= SPACE) start++;
  if (body.charCodeAt(start) !== OPEN_OBJECT) return null;

  let depth = 0;
  /** for each open container, whether it is an object */
  const isObject: boolean[] = [];
  /**
   * Where the keys of every open object are in the body (start and end offsets, innermost object
   * last); keyFrom[d] is where the object at depth d starts in them. Offsets rather than strings:
   * nothing is allocated per key.
   */
  const keyStarts: number[] = [];
  const keyEnds: number[] = [];
  const keyFrom: number[] = [];
  /** in an object, the next string is a key (just after "{" or ",") */
  let expectKey = false;
  /** the last key read directly in the top-level object was "events": the value that follows is the events */
  let eventsNext = false;
  let inEvents = false;
  let eventStart = -1;
  let texts: string[] | null = null;
  /** the first backslash at or after the current string's start, kept so that bodies without any are searched once */
  let nextBackslash = -1;

  for (let i = start; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === QUOTE) {
      const from = i + 1;
      // strings are most of a body: find their ends with indexOf, walking by hand only past a backslash
      if (nextBackslash < from) nextBackslash = indexOrEnd(body, '\\', from);
      i = indexOrEnd(body, '"', from);
      const escaped = nextBackslash < i;
      if (escaped) {
        for (i = nextBackslash; body.charCodeAt(i) !== QUOTE; i++) {
          if (body.charCodeAt(i) === BACKSLASH) i++;
          if (i >= body.length) return null;
        }
      } else if (i >= body.length) return null;
      if (expectKey) {
        expectKey = false;
        if (escaped) return null;
        for (let k = keyFrom[depth] ?? 0; k < keyStarts.length; k++) if (sameText(body, keyStarts[k] ?? 0, keyEnds[k] ?? 0, from, i)) return null;
        keyStarts.push(from);
        keyEnds.push(i);
        if (depth === 1) eventsNext = i - from === 6 && body.startsWith('events', from);
      } else if (inEvents && depth === 2) {
        // a string element of the events array: not an event
        return null;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === 1 && eventsNext) {
        // the one events array (a second "events" key was refused as a repeated key)
        if (c !== OPEN_ARRAY) return null;
        inEvents = true;
        texts = [];
      } else if (inEvents && depth === 2) {
        if (c !== OPEN_OBJECT) return null;
        eventStart = i;
      }
      depth++;
      if (depth > MAX_DEPTH) return null;
      const object = c === OPEN_OBJECT;
      isObject[depth] = object;
      if (object) keyFrom[depth] = keyStarts.length;
      expectKey = object;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (c === CLOSE_OBJECT) keyStarts.length = keyEnds.length = keyFrom[depth] ?? 0;
      depth--;
      expectKey = false;
      if (inEvents && depth === 2 && c === CLOSE_OBJECT) texts?.push(body.slice(eventStart, i + 1));
      else if (inEvents && depth === 1) inEvents = false;
    } else if (c === COMMA) {
      expectKey = isObject[depth] === true;
    } else if (inEvents && depth === 2 && c > SPACE) {
      // a number, true, false or null as an element: not an event
      return null;
    }
  }
  return texts;
}

/** whether body[aFrom, aTo) and body[bFrom, bTo) hold the same characters */
function sameText(body: string, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let k = 0; k < aTo - aFrom; k++) if (body.charCodeAt(aFrom + k) !== body.charCodeAt(bFrom + k)) return false;
  return true;
}

function indexOrEnd(body: string, search: string, from: number): number {
  const at = body.indexOf(search, from);
  return at === -1 ? body.length : at;
}
