import { msg, str } from '@lit/localize';
import { parseRetryAfter } from './retry-after.ts';

/**
 * A non-2xx answer from the engine, carrying its `{ error: { code, message } }` body. The message is the
 * engine's own text, in English whatever the studio's language (docs/translating.md).
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  /** the whole JSON body, for answers that carry more than the error (422 `problems`) */
  readonly body: unknown;
  /** seconds to wait before trying again (Retry-After of a 429 or 503), when the engine said */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, body: unknown = null, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Reads an error body; the engine always sends `{ error: { code, message } }`, proxies may not. */
export async function toApiError(response: Response): Promise<ApiRequestError> {
  let code = `http_${response.status}`;
  // a proxy's answer with no status text (HTTP/2 has none): the studio's own words, in its language
  let message = response.statusText || msg(str`Request failed (${response.status})`);
  let body: unknown = null;
  try {
    body = await response.json();
    if (isErrorBody(body)) {
      code = body.error.code;
      message = body.error.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiRequestError(response.status, code, message, body, parseRetryAfter(response.headers.get('retry-after')));
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** A message fit for a banner, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
