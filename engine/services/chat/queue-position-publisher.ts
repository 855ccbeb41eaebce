/**
 * Tells operators when a waiting conversation's queue position changed (someone ahead was claimed,
 * auto-assigned, closed or transferred out), so "#2 in queue" in every list moves without a reload.
 * Customers hear of the change through QueueAnnouncer, within their queue's interval; operators at once.
 * Remembers what this engine last published: a conversation it has not seen yet (just queued, or queued
 * before a restart, or by another engine) is published once more, which the studio takes as the same
 * update twice.
 */
import { queuePositions } from '../../domain/queue/queue-positions.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { Store } from '../../store/store.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import { conversationViews } from './conversation-view.ts';

export class QueuePositionPublisher {
  private published = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly publisher: RealtimePublisher,
  ) {}

  /** `waiting`: every conversation still waiting, in serving order. */
  async publishChanges(waiting: readonly ConversationRow[]): Promise<void> {
    const positions = queuePositions(waiting);
    const moved = waiting.filter((row) => this.published.get(row.id) !== positions.get(row.id));
    this.published = positions;
    if (moved.length === 0) return;
    for (const view of await conversationViews(this.store, moved)) this.publisher.conversationUpdated(view);
  }
}
