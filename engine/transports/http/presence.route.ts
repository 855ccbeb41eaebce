/** PUT /api/me/presence { presence: available | away }: whether new conversations may be assigned to me. */
import Router from '@koa/router';
import type { PresenceResponse } from '../../contracts/rest.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { PresenceService } from '../../services/chat/presence.service.ts';
import { readJson } from './read-body.ts';
import { requireAuth, type AuthState } from './require-auth.ts';
import { assertValid, validators } from './validate-payload.ts';

export function presenceRoutes(auth: AuthService, presence: PresenceService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/me' });
  router.put('/presence', requireAuth(auth), async (ctx) => {
    const body = assertValid(validators.presence, await readJson(ctx), 'Presence');
    const answer: PresenceResponse = { presence: body.presence };
    await presence.set(ctx.state.operator.sub, body.presence);
    ctx.body = answer;
  });
  return router;
}
