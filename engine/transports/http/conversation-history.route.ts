/** GET /api/conversations/:id/history: the customer's bot exchanges and past conversations before this one, paged. */
import Router from '@koa/router';
import type { ConversationHistoryResponse } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { CustomerHistoryService } from '../../services/chat/customer-history.service.ts';
import { absoluteMediaUrls } from '../../services/media/media-view.ts';
import { requestOrigin } from './media.route.ts';
import { authorize, type AuthState } from './authorize.ts';
import { queryInteger } from './query-params.ts';

export function conversationHistoryRoutes(sessions: SessionService, logger: Logger, history: CustomerHistoryService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/conversations' });
  router.use(authorize(sessions, logger));
  router.get('/:id/history', async (ctx) => {
    // without `before`, the newest page
    const before = queryInteger(ctx.query, 'before', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: Number.MAX_SAFE_INTEGER });
    const limit = queryInteger(ctx.query, 'limit', { min: 1, max: 200, fallback: 50 });
    const answer: ConversationHistoryResponse = absoluteMediaUrls(await history.page(ctx.params.id ?? '', actorOf(ctx.state.principal), before, limit), requestOrigin(ctx));
    ctx.body = answer;
  });
  return router;
}
