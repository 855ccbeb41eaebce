/** The `media` of messages as operators see them (MessageDto.media / mediaState). */
import type { MediaState, MessageDto } from '../../contracts/conversation.ts';
import { MediaStatus, type MediaRow } from '../../store/repositories/media.repo.ts';
import type { Store } from '../../store/store.ts';

/** Where a message's media is served (media.route.ts). */
export const mediaPath = (messageId: number): string => `/api/media/${messageId}`;

const STATE: Partial<Record<MediaStatus, MediaState>> = {
  [MediaStatus.PENDING]: 'fetching',
  [MediaStatus.EXPIRED]: 'expired',
  [MediaStatus.TOO_LARGE]: 'too_large',
  [MediaStatus.FAILED]: 'failed',
};

/** The message with its media (once stored) or the reason it has none; messages without media unchanged. */
export function withMediaOf(message: MessageDto, media: MediaRow | undefined): MessageDto {
  if (!media || message.unsent) return message;
  if (media.status === MediaStatus.STORED && media.content_type && media.size !== null) {
    return { ...message, media: { url: mediaPath(message.id), contentType: media.content_type, size: media.size } };
  }
  const state = STATE[media.status];
  return state ? { ...message, mediaState: state } : message;
}

/** Adds media to the messages that have some, with one read. */
export async function withMedia(store: Store, messages: MessageDto[]): Promise<MessageDto[]> {
  // in: what customers sent; out: the images operators sent (text and bot messages have no row and cost one read)
  const ids = messages.filter((m) => (m.direction === 'in' || m.type === 'image') && !m.unsent).map((m) => m.id);
  if (ids.length === 0) return messages;
  const rows = new Map((await store.media.forMessages(ids)).map((row) => [row.message_id, row]));
  return messages.map((m) => withMediaOf(m, rows.get(m.id)));
}

/**
 * The media URLs made absolute for a REST answer: `origin` is where the request came to (its protocol and
 * Host, as Koa reads them behind trusted proxies); '' leaves them paths (a request without a Host).
 */
export function absoluteMediaUrls<T extends { messages: MessageDto[] }>(answer: T, origin: string): T {
  return {
    ...answer,
    messages: answer.messages.map((m) => (m.media ? { ...m, media: { ...m.media, url: `${origin}${m.media.url}` } } : m)),
  };
}
