/**
 * What the event handler does about media, kept here so the webhook path gains two calls and no more: in
 * the transaction that stores the customers' messages, queue the fetch of each image, video, audio and
 * file, and apply unsend events; after the commit, wake the fetcher, delete unsent bytes and tell operators.
 */
import type { InboundEvent } from '../../line/normalize-line-event.ts';
import type { Logger } from '../../logger.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import { toMessageDto } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { conversationViews } from '../chat/conversation-view.ts';
import { conversationRef, type RealtimePublisher } from '../realtime/realtime-publisher.ts';
import type { MediaFetcher } from './media-fetcher.ts';
import { mediaKindOf } from './media-kinds.ts';
import type { MediaStorage } from './media-storage.ts';

/** What one batch's transaction did about media, for the work after its commit. */
export interface MediaChanges {
  queued: number;
  unsentMessageIds: number[];
  deletedKeys: string[];
}

/** LINE message ids are short tokens; an unsend naming anything else names no message of ours. */
const LINE_MESSAGE_ID = /^[0-9A-Za-z_-]{1,64}$/;

export class InboundMedia {
  constructor(
    private readonly fetcher: Pick<MediaFetcher, 'kick'>,
    private readonly storage: MediaStorage,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
  ) {}

  /** In the transaction: queues the fetches of the stored messages that carry LINE-held content. */
  async queue(tx: Store, rows: readonly MessageRow[], at: number): Promise<number> {
    const media = rows.flatMap((row) => {
      // parsed only for the few types that can carry media: a text message costs nothing here
      const kind = row.type === 'text' || !row.line_message_id ? null : mediaKindOf(row.type, JSON.parse(row.payload));
      return kind && row.line_message_id ? [{ message_id: row.id, line_message_id: row.line_message_id, kind, created_at: at }] : [];
    });
    await tx.media.enqueue(media);
    return media.length;
  }

  /** In the transaction: the customers' unsend events mark their messages unsent (and their media with them). */
  async unsend(tx: Store, events: readonly InboundEvent[], at: number): Promise<{ unsentMessageIds: number[]; deletedKeys: string[] }> {
    const unsends = events.flatMap((e) => {
      const messageId = e.unsendMessageId;
      return e.chatId && messageId !== null && LINE_MESSAGE_ID.test(messageId) ? [{ userId: e.chatId, messageId }] : [];
    });
    if (unsends.length === 0) return { unsentMessageIds: [], deletedKeys: [] };
    // the user's customers in every channel: LINE message ids are unique, so only the channel that got the message has it
    const customers = new Map<string, string[]>();
    for (const c of await tx.customers.findByLineUserIds(unsends.map((u) => u.userId))) customers.set(c.line_user_id, [...(customers.get(c.line_user_id) ?? []), c.id]);
    const result = { unsentMessageIds: [] as number[], deletedKeys: [] as string[] };
    for (const { userId, messageId } of unsends) {
      for (const customerId of customers.get(userId) ?? []) {
        const changed = await tx.media.unsend(customerId, [messageId], at);
        result.unsentMessageIds.push(...changed.messageIds);
        result.deletedKeys.push(...changed.storageKeys);
      }
    }
    return result;
  }

  /** After the commit: fetch what was queued now, delete unsent bytes, show operators the unsent messages. */
  async afterCommit(store: Store, changes: MediaChanges): Promise<void> {
    if (changes.queued > 0) this.fetcher.kick();
    for (const key of changes.deletedKeys) {
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'unsent media not deleted'));
    }
    if (changes.unsentMessageIds.length === 0) return;
    const messages = await store.messages.findByIds(changes.unsentMessageIds);
    const conversations = new Map((await store.conversations.findByIds(messages.flatMap((m) => (m.conversation_id ? [m.conversation_id] : [])))).map((c) => [c.id, c]));
    for (const message of messages) {
      const conversation = message.conversation_id ? conversations.get(message.conversation_id) : undefined;
      this.publisher.messageUpdated(toMessageDto(message), conversation ? conversationRef(conversation) : null);
    }
    // the list's preview shows the last message: it may be the one taken back
    for (const view of await conversationViews(store, [...conversations.values()])) this.publisher.conversationUpdated(view);
  }
}
