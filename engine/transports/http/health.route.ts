/**
 * GET /healthz: the process is up (liveness). GET /readyz: this engine should get traffic (readiness):
 * the database answers, Redis answers when configured, and the engine is not shutting down.
 */
import Router from '@koa/router';

export interface ReadinessChecks {
  database(): Promise<boolean>;
  /** absent when REDIS_URL is unset */
  redis?: () => Promise<boolean>;
  draining(): boolean;
}

export function healthRoutes(checks: ReadinessChecks): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/readyz', async (ctx) => {
    const [database, redis] = await Promise.all([checks.database(), checks.redis ? checks.redis() : Promise.resolve(null)]);
    const draining = checks.draining();
    const ok = database && redis !== false && !draining;
    ctx.status = ok ? 200 : 503;
    ctx.body = { ok, database, ...(redis === null ? {} : { redis }), draining };
  });
  return router;
}
