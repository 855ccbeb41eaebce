/** GET / PUT /api/settings/security (admins): which roles must use MFA. */
import Router from '@koa/router';
import type { SecuritySettingsDto } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import { AuditAction, type AuditService } from '../../services/audit/audit.service.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SecuritySettings } from '../../services/auth/security-settings.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export function settingsRoutes(security: SecuritySettings, audit: AuditService, sessions: SessionService, logger: Logger): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/settings' });
  router.use(authorize(sessions, logger));

  router.get('/security', async (ctx) => {
    const answer: SecuritySettingsDto = await security.get();
    ctx.body = answer;
  });
  router.put('/security', async (ctx) => {
    const body = assertValid(validators.securitySettings, await readJson(ctx), 'Security settings');
    const before = await security.get();
    const answer: SecuritySettingsDto = await security.set(body);
    await audit.record({ action: AuditAction.SETTINGS_UPDATED, actor: actorOf(ctx.state.principal), target: { type: 'settings', id: 'security' }, details: { before, after: answer } });
    ctx.body = answer;
  });
  return router;
}
