/** GET /api/plugins: each notifier and plugin step with its calls, failures and last error (supervisors). */
import Router from '@koa/router';
import type { PluginHost } from '../../../plugins/plugin-host.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import { requireAuth, type AuthState } from './require-auth.ts';
import { requireRole } from './require-role.ts';

export function pluginRoutes(auth: AuthService, plugins: PluginHost): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/plugins' });
  router.get('/', requireAuth(auth), requireRole('supervisor'), (ctx) => {
    ctx.body = { plugins: plugins.status() };
  });
  return router;
}
