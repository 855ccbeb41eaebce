/** Invite links: anyone holding one sees whose it is and, once, chooses the password (and is signed in). */
import Router from '@koa/router';
import type { InviteInfoResponse } from '../../contracts/rest.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import { answerSignedIn, type AuthRouteDeps } from './auth.route.ts';
import { authorize, type AuthState } from './authorize.ts';
import { clientInfo } from './client-info.ts';
import { readJson } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export function inviteRoutes(auth: AuthService, deps: AuthRouteDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/invites' });
  router.use(authorize(deps.sessions, deps.logger));

  router.get('/:token', async (ctx) => {
    const answer: InviteInfoResponse = await auth.inviteInfo(ctx.params.token ?? '');
    ctx.body = answer;
  });
  router.post('/:token/accept', async (ctx) => {
    const body = assertValid(validators.acceptInvite, await readJson(ctx), 'Invite');
    answerSignedIn(ctx, deps, await auth.acceptInvite(ctx.params.token ?? '', body.password, clientInfo(ctx)));
  });
  return router;
}
