/**
 * Who may have a message's media: whoever may read the message. Its conversation's rule (operators: the
 * queue and their own; supervisors and admins: all), or, for a message outside that conversation (a bot
 * exchange, an earlier conversation), the rule of the customer's open conversation, whose history shows it.
 */
import type { Readable } from 'node:stream';
import { forbidden, notFound, UserError } from '../../errors.ts';
import { MediaStatus } from '../../store/repositories/media.repo.ts';
import type { Store } from '../../store/store.ts';
import type { Actor } from '../auth/principal.ts';
import { mayAccessConversation, oversees } from '../auth/permissions.ts';
import type { MediaStorage } from './media-storage.ts';

export interface MediaContent {
  stream: Readable;
  size: number;
  contentType: string;
  /** for a file message: the name the customer's file had */
  fileName: string | null;
}

const notYet = () => new UserError(404, 'media_not_fetched', 'This media has not been fetched from LINE yet; try again shortly');
const gone: Partial<Record<MediaStatus, () => UserError>> = {
  [MediaStatus.EXPIRED]: () => new UserError(404, 'media_expired', 'This media is no longer available at LINE'),
  [MediaStatus.TOO_LARGE]: () => new UserError(404, 'media_too_large', 'This media was too large to keep'),
  [MediaStatus.FAILED]: () => new UserError(404, 'media_failed', 'This media could not be fetched from LINE'),
  [MediaStatus.UNSENT]: () => new UserError(404, 'media_unsent', 'The customer unsent this message'),
};

export class MediaAccessService {
  constructor(
    private readonly store: Store,
    private readonly storage: MediaStorage,
  ) {}

  /** The bytes of message `messageId`'s media: 404 for no such media (or none yet), 403 for a message the actor may not read. */
  async open(messageId: number, actor: Actor): Promise<MediaContent> {
    const message = await this.store.messages.findById(messageId);
    const media = message ? await this.store.media.findByMessageId(messageId) : undefined;
    if (!message || !media) throw notFound('Media');
    await this.assertMayRead(message, actor);
    if (media.status !== MediaStatus.STORED || !media.storage_key || !media.content_type) throw (gone[media.status] ?? notYet)();
    const stored = await this.storage.get(media.storage_key);
    // the row says stored but the folder has no file: another engine's folder, or deleted by hand
    if (!stored) throw new UserError(404, 'media_missing', 'The media file is missing from this engine\'s media storage');
    return { ...stored, contentType: media.content_type, fileName: media.kind === 'file' ? fileNameOf(message.payload) : null };
  }

  private async assertMayRead(message: { conversation_id: string | null; customer_id: string }, actor: Actor): Promise<void> {
    if (oversees(actor.role)) return;
    const own = message.conversation_id ? await this.store.conversations.findById(message.conversation_id) : undefined;
    if (own && mayAccessConversation(actor, own)) return;
    const open = (await this.store.conversations.findOpenByCustomers([message.customer_id])).get(message.customer_id);
    if (open && mayAccessConversation(actor, open)) return;
    throw forbidden('Another operator is handling this conversation');
  }
}

function fileNameOf(payload: string): string | null {
  try {
    const value: unknown = JSON.parse(payload);
    const name: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'fileName') : null;
    return typeof name === 'string' && name.trim() !== '' ? name : null;
  } catch {
    return null;
  }
}
