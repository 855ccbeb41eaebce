/** Role guard after requireAuth: admins may do everything; supervisors what is listed for them. */
import type { Middleware } from 'koa';
import { forbidden } from '../../errors.ts';
import type { AuthState } from './require-auth.ts';

export type Role = 'admin' | 'supervisor' | 'operator';

export function requireRole(...roles: Role[]): Middleware<AuthState> {
  return async (ctx, next) => {
    const role = ctx.state.operator.role;
    if (role !== 'admin' && !roles.some((allowed) => allowed === role)) {
      throw forbidden(`This needs the ${['admin', ...roles].join(' or ')} role`);
    }
    await next();
  };
}
