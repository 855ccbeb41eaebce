/** The team over REST: list (everyone signed in: transfer needs it), create, change, reset (admins). */
import Router from '@koa/router';
import type { CreateOperatorResponse, OperatorListResponse, OperatorResponse } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { TeamService } from '../../services/auth/team.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readJson } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export function operatorRoutes(team: TeamService, sessions: SessionService, logger: Logger): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/operators' });
  router.use(authorize(sessions, logger));

  router.get('/', async (ctx) => {
    const answer: OperatorListResponse = { operators: await team.list() };
    ctx.body = answer;
  });
  router.post('/', async (ctx) => {
    const body = assertValid(validators.createOperator, await readJson(ctx), 'Operator');
    const answer: CreateOperatorResponse = await team.create(actorOf(ctx.state.principal), body);
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = answer;
  });
  router.patch('/:id', async (ctx) => {
    const body = assertValid(validators.updateOperator, await readJson(ctx), 'Operator change');
    const answer: OperatorResponse = { operator: await team.update(actorOf(ctx.state.principal), ctx.params.id ?? '', body) };
    ctx.body = answer;
  });
  router.post('/:id/reset-password', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await team.resetPassword(actorOf(ctx.state.principal), ctx.params.id ?? '');
  });
  router.delete('/:id/mfa', async (ctx) => {
    const answer: OperatorResponse = { operator: await team.resetMfa(actorOf(ctx.state.principal), ctx.params.id ?? '') };
    ctx.body = answer;
  });
  return router;
}
