/** Request bodies read by hand: the webhook needs the exact bytes LINE signed, and every body has a size limit. */
import type { Context } from 'koa';
import { badRequest, UserError } from '../../errors.ts';

/**
 * The body, whole, within `limitBytes`; with `deadlineMs`, it must also have arrived that long after the
 * headers (a client trickling bytes holds a socket otherwise): 408 and the connection is closed.
 */
export function readRawBody(ctx: Context, limitBytes: number, deadlineMs?: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) return Promise.reject(new UserError(413, 'payload_too_large', `Body larger than ${limitBytes} bytes`));
  // stream events rather than `for await`: the async iterator costs a promise per chunk, on every webhook
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const timer =
      deadlineMs === undefined
        ? null
        : setTimeout(() => {
            cleanUp();
            // answer 408, then close the connection: the rest of the body is not waited for
            ctx.set('Connection', 'close');
            ctx.res.once('finish', () => req.socket.destroy());
            reject(new UserError(408, 'request_timeout', `The body did not arrive within ${deadlineMs} ms`));
          }, deadlineMs);
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limitBytes) {
        cleanUp();
        req.destroy();
        reject(new UserError(413, 'payload_too_large', `Body larger than ${limitBytes} bytes`));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      cleanUp();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    const cleanUp = () => {
      if (timer) clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

export function parseJson(raw: Buffer | string): unknown {
  if (raw.length === 0) throw badRequest('invalid_json', 'Empty body: expected JSON');
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    throw badRequest('invalid_json', `Body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSON bodies of the REST API (small: 64 KB). */
export async function readJson(ctx: Context, limitBytes = 64 * 1024): Promise<unknown> {
  return parseJson(await readRawBody(ctx, limitBytes));
}
