/** PUT /api/me/presence { presence: available | away }: whether new conversations may be assigned to me. */
import Router from '@koa/router';
import type { PresenceResponse } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { PresenceService } from '../../services/chat/presence.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export function presenceRoutes(sessions: SessionService, logger: Logger, presence: PresenceService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/me' });
  router.use(authorize(sessions, logger));
  router.put('/presence', async (ctx) => {
    const body = assertValid(validators.presence, await readJson(ctx), 'Presence');
    const answer: PresenceResponse = { presence: body.presence };
    await presence.set(ctx.state.principal.operatorId, body.presence);
    ctx.body = answer;
  });
  return router;
}
