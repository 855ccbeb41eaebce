/**
 * What each operator has read: the studio reports the newest message it showed them, and each operator's list
 * carries their unread count per conversation (the customer's messages after that). Kept per operator on the
 * engine, so counts agree across reloads, tabs and devices.
 */
import type { ConversationDto } from '../../contracts/conversation.ts';
import type { ReadResponse } from '../../contracts/rest.ts';
import { badRequest } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { Actor } from '../auth/principal.ts';
import type { ConversationService } from './conversation.service.ts';

export class ConversationReadsService {
  constructor(
    private readonly store: Store,
    private readonly conversations: ConversationService,
    private readonly now: () => number,
  ) {}

  /** Allowed where reading the conversation is (404 / 403 as GET /api/conversations/:id). */
  async markRead(conversationId: string, actor: Actor, messageId: number): Promise<ReadResponse> {
    await this.conversations.assertAccess(conversationId, actor);
    const message = await this.store.messages.findById(messageId);
    if (message?.conversation_id !== conversationId) throw badRequest('invalid_message', 'messageId must be a message of this conversation');
    const read = await this.store.conversationReads.markRead(actor.operatorId, conversationId, messageId, this.now());
    const unread = await this.store.conversationReads.unreadCounts(actor.operatorId, [conversationId]);
    return { lastReadMessageId: read.last_read_message_id, unread: unread.get(conversationId) ?? 0 };
  }

  /** The caller's unread count on each conversation of their list; closed ones have nothing left to answer. */
  async withUnread(actor: Actor, conversations: ConversationDto[]): Promise<ConversationDto[]> {
    const open = conversations.filter((c) => c.status !== 'CLOSED').map((c) => c.id);
    const unread = await this.store.conversationReads.unreadCounts(actor.operatorId, open);
    return conversations.map((c) => ({ ...c, unread: unread.get(c.id) ?? 0 }));
  }
}
