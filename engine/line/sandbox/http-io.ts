import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiAnswer } from './fake-line-types.ts';

/** LINE refuses request bodies over 2 MB with 413; so does the fake, which also bounds its memory. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The body's bytes: JSON for most endpoints, an image for a rich menu's upload. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(text: string): { body: unknown; malformed: boolean } {
  if (text.trim() === '') return { body: null, malformed: false };
  try {
    const body: unknown = JSON.parse(text);
    return { body, malformed: false };
  } catch {
    return { body: null, malformed: true };
  }
}

/** lower-cased single-valued headers, with repeated ones joined as HTTP allows */
export function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function writeAnswer(response: ServerResponse, answer: ApiAnswer): void {
  if (response.destroyed) return;
  if (answer.bytes) {
    response.writeHead(answer.status, { 'content-type': answer.bytes.contentType, 'content-length': String(answer.bytes.data.length), ...answer.headers });
    response.end(answer.bytes.data);
    return;
  }
  const text = answer.status === 204 ? '' : JSON.stringify(answer.body ?? {});
  response.writeHead(answer.status, {
    ...(text === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...answer.headers,
  });
  response.end(text);
}
