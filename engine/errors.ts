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
