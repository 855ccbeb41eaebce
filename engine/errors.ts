/**
 * The small error taxonomy. User errors carry a status and a stable code and are shown to the caller;
 * anything else is unexpected, logged, and answered as a 500 without details.
 */
export class UserError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** extra top-level fields of the error body, e.g. { problems } for invalid flows */
    readonly details: Record<string, unknown> = {},
    /** response headers that go with the answer, e.g. Retry-After */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const badRequest = (code: string, message: string) => new UserError(400, code, message);
export const unauthorized = (message = 'Sign in first') => new UserError(401, 'unauthorized', message);
export const forbidden = (message: string) => new UserError(403, 'forbidden', message);
export const notFound = (what: string) => new UserError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new UserError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new UserError(429, 'too_many_requests', message, {}, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
/** the engine is shutting down or cannot reach what it needs: another instance, or later, will do */
export const unavailable = (message: string) => new UserError(503, 'unavailable', message);

/** connection-level failure codes: the database (or a service) is down, restarting or unreachable */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND',
  // Postgres: connection exceptions (08xxx), shutting down or starting up (57P01-57P03)
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03',
  // SQLite: another connection held the file past busy_timeout
  'SQLITE_BUSY',
]);

/**
 * True for an error that says the database could not be reached, rather than that the request was wrong:
 * such a request may simply be tried again in a moment (503 with Retry-After), and LINE redelivers a webhook.
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'KnexTimeoutError') return true;
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message)) return true;
  return error instanceof AggregateError && error.errors.some(isUnreachable);
}
