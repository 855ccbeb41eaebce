/** Announces stored messages to the operators who should hear of them: that depends on each one's conversation. */
import { toMessageDto, type MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { conversationRef, type RealtimePublisher } from '../realtime/realtime-publisher.ts';

export async function publishMessages(store: Store, publisher: RealtimePublisher, rows: readonly MessageRow[], kind: 'new' | 'updated'): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.flatMap((row) => (row.conversation_id ? [row.conversation_id] : []));
  const conversations = new Map((await store.conversations.findByIds(ids)).map((c) => [c.id, conversationRef(c)]));
  for (const row of rows) {
    const conversation = row.conversation_id ? (conversations.get(row.conversation_id) ?? null) : null;
    if (kind === 'new') publisher.messageNew(toMessageDto(row), conversation);
    else publisher.messageUpdated(toMessageDto(row), conversation);
  }
}
