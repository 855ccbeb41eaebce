/** Bearer-token guard for /api: puts the operator's claims on ctx.state.operator. */
import type { Middleware } from 'koa';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { TokenClaims } from '../../services/auth/access-token.ts';

export interface AuthState {
  operator: TokenClaims;
}

export function requireAuth(auth: AuthService): Middleware<AuthState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    ctx.state.operator = auth.authenticate(token);
    await next();
  };
}
