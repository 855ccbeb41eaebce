/** POST /api/auth/login, GET /api/me, GET /api/operators. */
import Router from '@koa/router';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { LoginThrottle } from '../../services/auth/login-throttle.ts';
import { readJson } from './read-body.ts';
import { requireAuth, type AuthState } from './require-auth.ts';
import { assertValid, validators } from './validate-payload.ts';

export function authRoutes(auth: AuthService, throttle: LoginThrottle): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api' });
  router.post('/auth/login', async (ctx) => {
    const body = assertValid(validators.login, await readJson(ctx), 'Login');
    ctx.body = await throttle.guard(body.email, ctx.ip, () => auth.login(body.email, body.password));
  });
  router.get('/me', requireAuth(auth), async (ctx) => {
    ctx.body = { operator: await auth.me(ctx.state.operator.sub) };
  });
  router.get('/operators', requireAuth(auth), async (ctx) => {
    ctx.body = { operators: await auth.operators() };
  });
  return router;
}
