/**
 * The one guard of the REST API, mounted on each router: finds the route that matched in the permission table
 * (access-table.ts), refuses a route without an entry, and for everything not public checks the bearer token
 * against its session (SessionService.authenticate), the session's restriction, and the role.
 */
import type { Middleware } from 'koa';
import { forbidden, UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { hasRole } from '../../services/auth/permissions.ts';
import type { Principal } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { accessKey, HTTP_ACCESS, type Access } from './access-table.ts';

export interface AuthState {
  /** set on every route that is not public */
  principal: Principal;
}

interface MatchedLayer {
  path: string;
  methods: string[];
}

const isLayer = (value: unknown): value is MatchedLayer =>
  typeof value === 'object' && value !== null && typeof Reflect.get(value, 'path') === 'string' && Array.isArray(Reflect.get(value, 'methods'));

/**
 * The route (not a router-level middleware) @koa/router matched for this method. The router lists the layers
 * that matched in `ctx.matched` (untyped); `_matchedRoute` names the middleware's own layer at this point.
 */
function matchedRoute(ctx: object, method: string): string | null {
  const matched: unknown = Reflect.get(ctx, 'matched');
  const layers = Array.isArray(matched) ? matched.filter(isLayer) : [];
  const wanted = method === 'HEAD' ? 'GET' : method;
  return layers.findLast((layer) => layer.methods.includes(wanted))?.path ?? null;
}

const restricted = {
  password_change: () => new UserError(403, 'password_change_required', 'Choose a new password first (POST /api/me/password)'),
  mfa_enrollment: () => new UserError(403, 'mfa_enrollment_required', 'Set up two-factor sign-in first (POST /api/me/mfa/setup)'),
};

export function bearerToken(header: string): string | undefined {
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

export function authorize(sessions: SessionService, logger: Logger, table: Readonly<Record<string, Access>> = HTTP_ACCESS): Middleware<AuthState> {
  return async (ctx, next) => {
    const route = matchedRoute(ctx, ctx.method);
    // a method the route does not have: let the router answer 405
    if (route === null) return next();
    const access = table[accessKey(ctx.method, route)];
    if (access === undefined) {
      logger.error({ route: accessKey(ctx.method, route) }, 'route without an entry in the permission table: refused');
      throw forbidden('This route has no permission entry');
    }
    if (access === 'public') return next();
    const principal = await sessions.authenticate(bearerToken(ctx.get('authorization')), ctx.ip || null);
    if (principal.restriction && access !== 'session') throw restricted[principal.restriction]();
    if (access !== 'session' && !hasRole(principal.role, access)) throw forbidden(`This needs the ${access} role or above`);
    ctx.state.principal = principal;
    return next();
  };
}
