/** JSON pointers (RFC 6901): how problems name the place in a document, whatever its YAML layout. */

function escape(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `pointer('steps', 2, 'say')` -> `/steps/2/say` */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((segment) => `/${escape(segment)}`).join('');
}

export function childPointer(parent: string, ...segments: (string | number)[]): string {
  return parent + pointer(...segments);
}

export function pointerSegments(value: string): string[] {
  return value === '' ? [] : value.slice(1).split('/').map(unescape);
}

/** The value at `path` inside plain data, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const segment of pointerSegments(path)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null) node = Object.getOwnPropertyDescriptor(node, segment)?.value;
    else return undefined;
  }
  return node;
}
