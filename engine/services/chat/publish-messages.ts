/** Announces stored messages to the operators who should hear of them: that depends on each one's conversation. */
import { toMessageDto, type MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { conversationRef, type RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { withMedia } from '../media/media-view.ts';

export async function publishMessages(store: Store, publisher: RealtimePublisher, rows: readonly MessageRow[], kind: 'new' | 'updated'): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.flatMap((row) => (row.conversation_id ? [row.conversation_id] : []));
  const conversations = new Map((await store.conversations.findByIds(ids)).map((c) => [c.id, conversationRef(c)]));
  // an image an operator sent keeps its media in the update (texts cost no read: withMedia skips them)
  const messages = await withMedia(store, rows.map(toMessageDto));
  for (const message of messages) {
    const conversation = message.conversationId ? (conversations.get(message.conversationId) ?? null) : null;
    if (kind === 'new') publisher.messageNew(message, conversation);
    else publisher.messageUpdated(message, conversation);
  }
}
