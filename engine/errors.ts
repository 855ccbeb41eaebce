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
