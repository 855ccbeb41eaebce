/**
 * Answers 503 once the engine is shutting down, before any work is done, so the sender retries
 * elsewhere: LINE redelivers a webhook that failed, and the load balancer, seeing /readyz fail,
 * stops sending new requests here.
 */
import type { Middleware } from 'koa';
import { unavailable } from '../../errors.ts';

export function refuseWhileDraining(draining: () => boolean): Middleware {
  return async (ctx, next) => {
    if (draining()) {
      ctx.set('connection', 'close');
      throw unavailable('This engine is shutting down; try another instance');
    }
    await next();
  };
}
