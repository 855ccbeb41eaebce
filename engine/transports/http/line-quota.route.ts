/**
 * GET /api/line/quota[?channel=id] (supervisors and admins): a LINE channel's monthly message quota (the default's without it), this month's use of it by
 * reply and push, the forecast and the warning (docs/line-quota.md). Answered from the quota service's
 * figures; LINE is asked only when they are due, and never for longer than a moment.
 */
import Router from '@koa/router';
import type { LineQuotaDto } from '../../contracts/line-quota.ts';
import type { Logger } from '../../logger.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { LineQuotaByChannel } from '../../services/line-quota/line-quota-by-channel.ts';
import { badRequest } from '../../errors.ts';
import { authorize, type AuthState } from './authorize.ts';
import { queryText } from './query-params.ts';

export function lineQuotaRoutes(sessions: SessionService, logger: Logger, quota: LineQuotaByChannel): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/line' });
  router.use(authorize(sessions, logger));
  router.get('/quota', async (ctx) => {
    // each LINE channel has its own quota (docs/channels.md): ?channel=<id>, the default channel's without it
    const channel = queryText(ctx.query, 'channel', 100);
    if (channel !== undefined && !/^[a-z0-9-]{1,32}$/.test(channel)) throw badRequest('invalid_channel', `channel: a channel id ([a-z0-9-], at most 32), got "${channel}"`);
    const answer: LineQuotaDto = await quota.view(channel);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  return router;
}
