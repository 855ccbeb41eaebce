/** The operator's REST API over conversations (all behind a bearer token). */
import Router from '@koa/router';
import type { Context } from 'koa';
import { ConversationStatus } from '../../contracts/conversation.ts';
import { badRequest } from '../../errors.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { CannedResponsesService } from '../../services/chat/canned-responses.service.ts';
import type { Actor, ConversationService } from '../../services/chat/conversation.service.ts';
import type { CannedResponseListResponse } from '../../contracts/rest.ts';
import { parseJson, readRawBody } from './read-body.ts';
import { requireAuth, type AuthState } from './require-auth.ts';
import { assertValid, validators } from './validate-payload.ts';

const statuses: Record<string, ConversationStatus> = {
  waiting: ConversationStatus.WAITING,
  active: ConversationStatus.ACTIVE,
  closed: ConversationStatus.CLOSED,
};

/** Bodies of transfer and close are optional. */
async function optionalJson(ctx: Context): Promise<unknown> {
  const raw = await readRawBody(ctx, 16 * 1024);
  return raw.length === 0 ? {} : parseJson(raw);
}

export function conversationRoutes(auth: AuthService, conversations: ConversationService, canned: CannedResponsesService): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/conversations' });
  router.use(requireAuth(auth));
  const actor = (state: AuthState): Actor => ({ operatorId: state.operator.sub, role: state.operator.role });

  router.get('/', async (ctx) => {
    const raw = typeof ctx.query.status === 'string' ? ctx.query.status.toLowerCase() : undefined;
    const status = raw === undefined ? undefined : statuses[raw];
    if (raw !== undefined && status === undefined) throw badRequest('invalid_status', 'status must be waiting, active or closed');
    const q = typeof ctx.query.q === 'string' && ctx.query.q.trim() ? ctx.query.q.trim().slice(0, 100) : undefined;
    ctx.body = { conversations: await conversations.list(status, q) };
  });
  router.get('/:id', async (ctx) => {
    ctx.body = await conversations.detail(ctx.params.id ?? '');
  });
  router.get('/:id/canned-responses', async (ctx) => {
    const answer: CannedResponseListResponse = { responses: await canned.forConversation(ctx.params.id ?? '') };
    ctx.body = answer;
  });
  router.post('/:id/claim', async (ctx) => {
    ctx.body = { conversation: await conversations.claim(ctx.params.id ?? '', actor(ctx.state)) };
  });
  router.post('/:id/messages', async (ctx) => {
    const body = assertValid(validators.sendMessage, parseJson(await readRawBody(ctx, 64 * 1024)), 'Message');
    ctx.status = 201;
    ctx.body = { message: await conversations.sendMessage(ctx.params.id ?? '', actor(ctx.state), body.text) };
  });
  router.post('/:id/transfer', async (ctx) => {
    const body = assertValid(validators.transfer, await optionalJson(ctx), 'Transfer');
    ctx.body = { conversation: await conversations.transfer(ctx.params.id ?? '', actor(ctx.state), body.operatorId) };
  });
  router.post('/:id/close', async (ctx) => {
    const body = assertValid(validators.close, await optionalJson(ctx), 'Close');
    ctx.body = { conversation: await conversations.close(ctx.params.id ?? '', actor(ctx.state), body.reason ?? 'closed-by-operator') };
  });
  return router;
}
