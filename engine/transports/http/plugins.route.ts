/** GET /api/plugins: each notifier and plugin step with its calls, failures and last error (supervisors). */
import Router from '@koa/router';
import type { PluginHost } from '../../../plugins/plugin-host.ts';
import type { Logger } from '../../logger.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { authorize, type AuthState } from './authorize.ts';

export function pluginRoutes(sessions: SessionService, logger: Logger, plugins: PluginHost): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/plugins' });
  router.use(authorize(sessions, logger));
  router.get('/', (ctx) => {
    ctx.body = { plugins: plugins.status() };
  });
  return router;
}
