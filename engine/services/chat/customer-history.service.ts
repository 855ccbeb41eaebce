/**
 * The customer's history behind a conversation: what they told the bot before and their earlier
 * conversations (who had them, how they ended, how they were rated), so the operator does not start at the
 * handoff. Paged newest first by message id, so a customer of many years is never read at once. Whoever may
 * read the conversation may read its history, including conversations other operators had.
 */
import type { ConversationHistoryResponse, PastConversationDto } from '../../contracts/rest.ts';
import { notFound } from '../../errors.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import { toMessageDto } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { Actor } from '../auth/principal.ts';
import { withMedia } from '../media/media-view.ts';
import type { ConversationService } from './conversation.service.ts';

export class CustomerHistoryService {
  constructor(
    private readonly store: Store,
    private readonly conversations: ConversationService,
  ) {}

  /** Messages older than `before` (an earlier page's nextBefore, or MAX_SAFE_INTEGER for the newest). 404 / 403 as reading the conversation. */
  async page(conversationId: string, actor: Actor, before: number, limit: number): Promise<ConversationHistoryResponse> {
    await this.conversations.assertAccess(conversationId, actor);
    const conversation = await this.store.conversations.findById(conversationId);
    if (!conversation) throw notFound('Conversation');
    // history is what came before this conversation began, not what the customer said after it closed
    const start = (await this.store.messages.firstIdOfConversation(conversationId)) ?? Number.MAX_SAFE_INTEGER;
    const rows = await this.store.messages.listCustomerHistory(conversation.customer_id, {
      excludeConversationId: conversationId,
      beforeId: Math.min(before, start),
      // one more than asked says whether an older page exists
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const pastIds = [...new Set(page.flatMap((m) => (m.conversation_id ? [m.conversation_id] : [])))];
    return {
      messages: await withMedia(this.store, page.map(toMessageDto)),
      conversations: await this.describe(await this.store.conversations.findByIds(pastIds)),
      nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  private async describe(rows: ConversationRow[]): Promise<PastConversationDto[]> {
    const operatorIds = [...new Set(rows.flatMap((r) => (r.operator_id ? [r.operator_id] : [])))];
    const names = new Map((await this.store.operators.names(operatorIds)).map((o) => [o.id, o.name]));
    return rows
      .sort((a, b) => b.created_at - a.created_at)
      .map((row) => ({
        id: row.id,
        status: row.status,
        operatorId: row.operator_id,
        operatorName: row.operator_id ? (names.get(row.operator_id) ?? null) : null,
        createdAt: row.created_at,
        closedAt: row.closed_at,
        closeReason: row.close_reason,
        csat: row.csat,
        csatComment: row.csat_comment,
      }));
  }
}
