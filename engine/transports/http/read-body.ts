/** Request bodies read by hand: the webhook needs the exact bytes LINE signed, and every body has a size limit. */
import type { Context } from 'koa';
import { badRequest, UserError } from '../../errors.ts';

export async function readRawBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) throw new UserError(413, 'payload_too_large', `Body larger than ${limitBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limitBytes) {
      ctx.req.destroy();
      throw new UserError(413, 'payload_too_large', `Body larger than ${limitBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw badRequest('invalid_json', 'Empty body: expected JSON');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badRequest('invalid_json', `Body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSON bodies of the REST API (small: 64 KB). */
export async function readJson(ctx: Context, limitBytes = 64 * 1024): Promise<unknown> {
  return parseJson(await readRawBody(ctx, limitBytes));
}
