/** Sign-in, refresh and sign-out: POST /api/auth/login, /refresh, /logout. */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { LoginResponse } from '../../contracts/rest.ts';
import { UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { AuthService, SignedIn } from '../../services/auth/auth.service.ts';
import { sessionEnded, type SessionService } from '../../services/auth/session.service.ts';
import { authorize, bearerToken, type AuthState } from './authorize.ts';
import { clientInfo } from './client-info.ts';
import { readJson, readRawBody, parseJson } from './read-body.ts';
import { assertSameOrigin, clearRefreshCookie, readRefreshCookie, setRefreshCookie, type CookiePolicy } from './refresh-cookie.ts';
import { assertValid, validators } from './validate-payload.ts';

export interface AuthRouteDeps {
  auth: AuthService;
  sessions: SessionService;
  cookies: CookiePolicy;
  logger: Logger;
}

export function answerSignedIn(ctx: Context, deps: AuthRouteDeps, signedIn: SignedIn): void {
  setRefreshCookie(ctx, deps.cookies, signedIn.session.refreshToken, signedIn.session.refreshExpiresAt);
  ctx.set('Cache-Control', 'no-store');
  const answer: LoginResponse = {
    accessToken: signedIn.session.accessToken,
    expiresAt: signedIn.session.expiresAt,
    operator: signedIn.operator,
    restriction: signedIn.session.restriction,
    idleTimeoutSeconds: deps.sessions.idleTimeoutSeconds,
  };
  ctx.body = answer;
}

export function authRoutes(deps: AuthRouteDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/auth' });
  router.use(authorize(deps.sessions, deps.logger));

  router.post('/login', async (ctx) => {
    const body = assertValid(validators.login, await readJson(ctx), 'Login');
    answerSignedIn(ctx, deps, await deps.auth.login(body, clientInfo(ctx)));
  });

  router.post('/refresh', async (ctx) => {
    assertSameOrigin(ctx, deps.cookies);
    const raw = await readRawBody(ctx, 1024);
    const body = assertValid(validators.refresh, raw.length === 0 ? {} : parseJson(raw), 'Refresh');
    const token = readRefreshCookie(ctx);
    if (!token) throw sessionEnded('Sign in again');
    try {
      answerSignedIn(ctx, deps, await deps.auth.refresh(token, body.active === true, clientInfo(ctx)));
    } catch (error) {
      clearRefreshCookie(ctx, deps.cookies);
      throw error;
    }
  });

  // ends the session of the bearer token, or else of the refresh cookie; always clears the cookie
  router.post('/logout', async (ctx) => {
    assertSameOrigin(ctx, deps.cookies);
    clearRefreshCookie(ctx, deps.cookies);
    ctx.status = 204;
    const bearer = bearerToken(ctx.get('authorization'));
    if (bearer) {
      try {
        await deps.auth.logout(await deps.sessions.authenticate(bearer, ctx.ip || null));
        return;
      } catch (error) {
        // an expired access token: the cookie still names the session
        if (!(error instanceof UserError)) throw error;
      }
    }
    const refresh = readRefreshCookie(ctx);
    if (refresh) await deps.auth.logoutByRefreshToken(refresh, clientInfo(ctx));
  });
  return router;
}
