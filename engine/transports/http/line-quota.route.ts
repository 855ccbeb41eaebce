/**
 * GET /api/line/quota (supervisors and admins): LINE's monthly message quota, this month's use of it by
 * reply and push, the forecast and the warning (docs/line-quota.md). Answered from the quota service's
 * figures; LINE is asked only when they are due, and never for longer than a moment.
 */
import Router from '@koa/router';
import type { LineQuotaDto } from '../../contracts/line-quota.ts';
import type { Logger } from '../../logger.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { LineQuotaService } from '../../services/line-quota/line-quota.service.ts';
import { authorize, type AuthState } from './authorize.ts';

export function lineQuotaRoutes(sessions: SessionService, logger: Logger, quota: LineQuotaService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/line' });
  router.use(authorize(sessions, logger));
  router.get('/quota', async (ctx) => {
    const answer: LineQuotaDto = await quota.view();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  return router;
}
