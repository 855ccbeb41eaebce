/**
 * The one place errors become responses: `{ error: { code, message } }`, with details only for user errors.
 * A database that cannot be reached answers 503 with Retry-After (try again shortly; LINE redelivers), not 500.
 */
import type { Middleware } from 'koa';
import { isUnreachable, UserError } from '../../errors.ts';

/** seconds a client should wait before trying again while the database is unreachable */
const RETRY_AFTER_SECONDS = '2';
import type { Logger } from '../../logger.ts';

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: `No route for ${ctx.method} ${ctx.path}` } };
      }
    } catch (error) {
      if (error instanceof UserError) {
        ctx.status = error.status;
        ctx.set(error.headers);
        ctx.body = { error: { code: error.code, message: error.message }, ...error.details };
        return;
      }
      if (isUnreachable(error)) {
        logger.warn({ method: ctx.method, path: ctx.path, error: error instanceof Error ? error.message : String(error) }, 'database unreachable');
        ctx.status = 503;
        ctx.set('Retry-After', RETRY_AFTER_SECONDS);
        ctx.body = { error: { code: 'unavailable', message: 'The database cannot be reached right now: try again shortly' } };
        return;
      }
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'Something went wrong on our side' } };
    }
  };
}
