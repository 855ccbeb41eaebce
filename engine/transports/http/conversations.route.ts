/** The operator's REST API over conversations (all behind a bearer token). */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { CannedResponsesService } from '../../services/chat/canned-responses.service.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { ConversationService } from '../../services/chat/conversation.service.ts';
import type { ConversationReadsService } from '../../services/chat/conversation-reads.service.ts';
import type { CannedResponseListResponse, SendMessageResponse } from '../../contracts/rest.ts';
import { parseJson, readRawBody } from './read-body.ts';
import { authorize, type AuthState } from './authorize.ts';
import { assertValid, validators } from './validate-payload.ts';
import { conversationListFilter } from './conversation-list-query.ts';
import { absoluteMediaUrls } from '../../services/media/media-view.ts';
import { requestOrigin } from './media.route.ts';
import type { OperatorMessages } from '../../services/media/operator-message.ts';

/** Bodies of transfer and close are optional. */
async function optionalJson(ctx: Context): Promise<unknown> {
  const raw = await readRawBody(ctx, 16 * 1024);
  return raw.length === 0 ? {} : parseJson(raw);
}

/** An operator sees the queue and their own conversations; supervisors and admins see all (ConversationService). */
export function conversationRoutes(sessions: SessionService, logger: Logger, conversations: ConversationService, canned: CannedResponsesService, reads: ConversationReadsService, operatorMessages: OperatorMessages): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/conversations' });
  router.use(authorize(sessions, logger));
  const actor = (state: AuthState) => actorOf(state.principal);

  router.get('/', async (ctx) => {
    const filter = conversationListFilter(ctx.query);
    ctx.body = { conversations: await reads.withUnread(actor(ctx.state), await conversations.list(actor(ctx.state), filter)) };
  });
  router.get('/:id', async (ctx) => {
    ctx.body = absoluteMediaUrls(await conversations.detail(ctx.params.id ?? '', actor(ctx.state)), requestOrigin(ctx));
  });
  router.get('/:id/canned-responses', async (ctx) => {
    await conversations.assertAccess(ctx.params.id ?? '', actor(ctx.state));
    const answer: CannedResponseListResponse = { responses: await canned.forConversation(ctx.params.id ?? '') };
    ctx.body = answer;
  });
  router.post('/:id/read', async (ctx) => {
    const body = assertValid(validators.read, parseJson(await readRawBody(ctx, 16 * 1024)), 'Read');
    ctx.body = await reads.markRead(ctx.params.id ?? '', actor(ctx.state), body.messageId);
  });
  router.post('/:id/claim', async (ctx) => {
    ctx.body = { conversation: await conversations.claim(ctx.params.id ?? '', actor(ctx.state)) };
  });
  router.post('/:id/messages', async (ctx) => {
    const body = assertValid(validators.sendMessage, parseJson(await readRawBody(ctx, 64 * 1024)), 'Message');
    ctx.status = 201;
    const id = ctx.params.id ?? '';
    const sender = actor(ctx.state);
    // an image or sticker is checked for the sender first: an operator learns nothing of another's uploads
    if (!('text' in body)) await conversations.assertMaySend(id, sender);
    if ('canned' in body) {
      // rendered here, for this customer, by the same code that rendered the composer's preview
      const [first, ...rest] = await conversations.sendMessages(id, sender, await canned.messagesFor(id, body.canned));
      if (!first) throw new Error('a canned response sent no message');
      ctx.body = { message: first, messages: [first, ...rest] } satisfies SendMessageResponse;
      return;
    }
    const { message, media } = operatorMessages.compose(body, id, sender.operatorId);
    const sent = await conversations.sendMessage(id, sender, message, media);
    ctx.body = { message: sent, messages: [sent] } satisfies SendMessageResponse;
  });
  router.post('/:id/transfer', async (ctx) => {
    const body = assertValid(validators.transfer, await optionalJson(ctx), 'Transfer');
    ctx.body = { conversation: await conversations.transfer(ctx.params.id ?? '', actor(ctx.state), body) };
  });
  router.post('/:id/close', async (ctx) => {
    const body = assertValid(validators.close, await optionalJson(ctx), 'Close');
    ctx.body = { conversation: await conversations.close(ctx.params.id ?? '', actor(ctx.state), body.reason ?? 'closed-by-operator') };
  });
  return router;
}
