/** The one place errors become responses: `{ error: { code, message } }`, with details only for user errors. */
import type { Middleware } from 'koa';
import { UserError } from '../../errors.ts';
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
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'Something went wrong on our side' } };
    }
  };
}
