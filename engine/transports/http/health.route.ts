/**
 * GET /healthz: the process is up (liveness). GET /readyz: this engine should get traffic (readiness):
 * it can accept webhooks, which needs the database and not shutting down. Redis trouble is reported as
 * `degraded` (live updates between engines and shared sign-in counters wait), not as unready: taking every
 * engine out of the balancer for a Redis outage would refuse LINE's webhooks for nothing.
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
    const ok = database && !draining;
    ctx.status = ok ? 200 : 503;
    ctx.body = { ok, database, ...(redis === null ? {} : { redis, degraded: !redis }), draining };
  });
  return router;
}
