/**
 * POST /api/conversations/:id/attachments: an operator uploads an image to send in a conversation they hold.
 * The body is the image's bytes (any Content-Type: the type is read from the bytes); 413 over LINE's 10 MB,
 * 415 for anything but JPEG or PNG, 403 for another operator's conversation. The answer's id goes into
 * POST /api/conversations/:id/messages as { image: { attachmentId } }.
 */
import Router from '@koa/router';
import type { AttachmentResponse } from '../../contracts/rest.ts';
import type { Logger } from '../../logger.ts';
import { actorOf } from '../../services/auth/principal.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import type { ConversationService } from '../../services/chat/conversation.service.ts';
import { IMAGE_LIMITS, tooLarge, type OutboundAttachments } from '../../services/media/outbound-attachments.ts';
import { UserError } from '../../errors.ts';
import { authorize, type AuthState } from './authorize.ts';
import { readRawBody } from './read-body.ts';

export function attachmentRoutes(sessions: SessionService, logger: Logger, conversations: ConversationService, attachments: OutboundAttachments): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/conversations' });
  router.use(authorize(sessions, logger));
  router.post('/:id/attachments', async (ctx) => {
    const id = ctx.params.id ?? '';
    const actor = actorOf(ctx.state.principal);
    // who may send here is checked before the bytes are read: a refused upload costs no storage
    await conversations.assertMaySend(id, actor);
    const bytes = await readRawBody(ctx, IMAGE_LIMITS.originalBytes).catch((error: unknown) => {
      throw error instanceof UserError && error.status === 413 ? tooLarge() : error;
    });
    const answer: AttachmentResponse = { attachment: await attachments.upload(id, actor.operatorId, bytes) };
    ctx.status = 201;
    ctx.body = answer;
  });
  return router;
}
