/**
 * Each event of a LINE webhook body as the exact text LINE sent, cut out of the body instead of
 * serialised again after parsing: what is stored is what LINE said, and re-serialising every event
 * was a tenth of the CPU of ingesting one (docs/performance.md).
 *
 * The body must already have parsed as JSON, so only strings and nesting need following. Anything
 * unexpected (no top-level "events" array, an event that is not an object, a key written with
 * escapes) answers null, and the caller serialises the parsed events instead.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The texts of the elements of the body's top-level "events" array (the last one, as JSON.parse keeps the last of a repeated key). */
export function webhookEventTexts(body: string): string[] | null {
  let depth = 0;
  /** the last string read directly in the top-level object: the key of the value that follows it */
  let lastTopLevelString: string | null = null;
  let inEvents = false;
  let eventStart = -1;
  let texts: string[] | null = null;
  let current: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === QUOTE) {
      const from = i + 1;
      for (i = from; body.charCodeAt(i) !== QUOTE; i++) {
        if (body.charCodeAt(i) === BACKSLASH) i++;
        if (i >= body.length) return null;
      }
      if (depth === 1) lastTopLevelString = body.slice(from, i);
      // a string element of the events array: not an event
      else if (inEvents && depth === 2) return null;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === 1 && c === OPEN_ARRAY && lastTopLevelString === 'events') {
        inEvents = true;
        current = [];
      } else if (inEvents && depth === 2) {
        if (c !== OPEN_OBJECT) return null;
        eventStart = i;
      }
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (inEvents && depth === 2 && c === CLOSE_OBJECT) current.push(body.slice(eventStart, i + 1));
      else if (inEvents && depth === 1) {
        inEvents = false;
        texts = current;
      }
    } else if (inEvents && depth === 2 && c > 0x20 && c !== 0x2c /* , */) {
      // a number, true, false or null as an element: not an event
      return null;
    }
  }
  return texts;
}
