import { HTTPFetchError } from '@line/bot-sdk';

/**
 * A failed call to the LINE API. `status` is null when no HTTP answer arrived (network failure
 * or our timeout), in which case the request may or may not have reached LINE.
 */
export class LineApiError extends Error {
  override readonly name = 'LineApiError';
  /** HTTP status, or null for network errors and timeouts */
  readonly status: number | null;
  /** whether the same request may be sent again (only safe with a retry key) */
  readonly retryable: boolean;
  /** LINE's raw error body (`{ message, details? }` as text), '' when there was none */
  readonly body: string;
  /** delay LINE asked for with `Retry-After`, if any */
  readonly retryAfterMs: number | null;
  /**
   * false only when the request surely never reached LINE (no connection could be made), so even a
   * call without a retry key (a reply) may be made again; a timeout or a cut connection is `true`
   */
  readonly requestSent: boolean;

  constructor(
    message: string,
    init: { status: number | null; retryable: boolean; body?: string; retryAfterMs?: number | null; requestSent?: boolean; cause?: unknown },
  ) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.retryable = init.retryable;
    this.body = init.body ?? '';
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.requestSent = init.requestSent ?? true;
  }
}

/** Socket errors raised before a single byte of the request left: refused, unresolvable, connect timed out. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** 5xx and 429 are LINE saying "not now"; every other 4xx is our mistake and will not improve. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** Turns whatever the SDK threw into a LineApiError. `operation` names the call, e.g. 'push'. */
export function toLineApiError(error: unknown, operation: string): LineApiError {
  if (error instanceof LineApiError) return error;
  if (error instanceof HTTPFetchError) return statusFailure(operation, error.status, error.body, error.headers.get('retry-after'), error);
  // Global fetch reports refused connections, resets and DNS failures as TypeError('fetch failed').
  if (error instanceof TypeError) return networkFailure(operation, error);
  const text = error instanceof Error ? error.message : String(error);
  return new LineApiError(`LINE ${operation} failed: ${text}`, { status: null, retryable: false, cause: error });
}

/** LINE answered `status` (not 2xx): retryable when LINE says "not now" (5xx, 429). */
export function statusFailure(operation: string, status: number, body: string, retryAfter: string | null, cause?: unknown): LineApiError {
  return new LineApiError(`LINE ${operation} failed: ${status} ${lineMessage(body)}`, {
    status,
    retryable: isRetryableStatus(status),
    body,
    retryAfterMs: parseRetryAfter(retryAfter),
    cause,
  });
}

/** No answer came (refused, reset, unresolvable): the request reached LINE unless no connection was made. */
export function networkFailure(operation: string, error: Error): LineApiError {
  return new LineApiError(`LINE ${operation} failed: network error (${describeCause(error)})`, {
    status: null,
    retryable: true,
    requestSent: !NOT_CONNECTED.has(causeCode(error)),
    cause: error,
  });
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function lineMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') {
      return parsed.message;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

/** the socket error's code: on the error itself (node:http) or on its cause (fetch's TypeError) */
function causeCode(error: Error): string {
  for (const candidate of [error, error.cause]) {
    if (candidate instanceof Error && 'code' in candidate && typeof candidate.code === 'string') return candidate.code;
  }
  return '';
}

function describeCause(error: Error): string {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return cause.message;
  return error.message;
}
