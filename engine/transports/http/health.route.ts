/** GET /healthz: the process is up. GET /readyz: the database answers. */
import Router from '@koa/router';
import type { Store } from '../../store/store.ts';

export function healthRoutes(store: Store): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/readyz', async (ctx) => {
    const database = await store.ping();
    ctx.status = database ? 200 : 503;
    ctx.body = { ok: database, database };
  });
  return router;
}
