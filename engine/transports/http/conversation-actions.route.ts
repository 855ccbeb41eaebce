/**
 * POST /api/conversations/:id/reopen, POST /api/conversations/:id/notes and PATCH /api/conversations/:id/customer:
 * the operator's day beyond claim, answer, transfer and close (services/chat/conversation-actions.service.ts).
 */
import Router from '@koa/router';
import type { ConversationResponse, NoteResponse } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { ConversationActionsService } from '../../services/chat/conversation-actions.service.ts';
import { authorize, type AuthState } from './authorize.ts';
import { parseJson, readRawBody } from './read-body.ts';
import { assertValid, validators } from './validate-payload.ts';

export function conversationActionRoutes(sessions: SessionService, logger: Logger, actions: ConversationActionsService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/conversations' });
  router.use(authorize(sessions, logger));
  router.post('/:id/reopen', async (ctx) => {
    const answer: ConversationResponse = { conversation: await actions.reopen(ctx.params.id ?? '', actorOf(ctx.state.principal)) };
    ctx.body = answer;
  });
  router.post('/:id/notes', async (ctx) => {
    const body = assertValid(validators.note, parseJson(await readRawBody(ctx, 16 * 1024)), 'Note');
    const answer: NoteResponse = { message: await actions.addNote(ctx.params.id ?? '', actorOf(ctx.state.principal), body.text) };
    ctx.status = 201;
    ctx.body = answer;
  });
  router.patch('/:id/customer', async (ctx) => {
    const body = assertValid(validators.updateCustomer, parseJson(await readRawBody(ctx, 16 * 1024)), 'Customer');
    const answer: ConversationResponse = { conversation: await actions.setCustomerTags(ctx.params.id ?? '', actorOf(ctx.state.principal), body.tags) };
    ctx.body = answer;
  });
  return router;
}
