/** What everyone does to their own account: GET /api/me, the password, MFA. Presence is in presence.route.ts. */
import Router from '@koa/router';
import type { Logger } from '../../logger.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export function meRoutes(auth: AuthService, sessions: SessionService, logger: Logger): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/me' });
  router.use(authorize(sessions, logger));

  router.get('/', async (ctx) => {
    ctx.body = await auth.me(ctx.state.principal);
  });
  router.post('/password', async (ctx) => {
    const body = assertValid(validators.changePassword, await readJson(ctx), 'Password change');
    ctx.body = await auth.changePassword(ctx.state.principal, body.currentPassword, body.newPassword);
  });
  router.post('/mfa/setup', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await auth.mfaSetup(ctx.state.principal);
  });
  router.post('/mfa/enable', async (ctx) => {
    const body = assertValid(validators.mfaEnable, await readJson(ctx), 'MFA code');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await auth.mfaEnable(ctx.state.principal, body.otp);
  });
  router.post('/mfa/disable', async (ctx) => {
    const body = assertValid(validators.mfaCode, await readJson(ctx), 'MFA code');
    ctx.body = await auth.mfaDisable(ctx.state.principal, body);
  });
  return router;
}
