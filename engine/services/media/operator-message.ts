/**
 * What an operator's POST /api/conversations/:id/messages body becomes: the LINE message object to send and,
 * for an image, the stored bytes it shows. A text goes as it is; an image names uploads (outbound-attachments.ts)
 * and is sent as public signed links (signed-media-link.ts); a sticker must be one of the sendable set.
 */
import type { SendMessageRequest } from '../../contracts/rest.ts';
import type { OutboundMessage } from '../../domain/flow/flow-action.ts';
import { badRequest, UserError } from '../../errors.ts';
import type { SentMedia } from '../chat/conversation.service.ts';
import { IMAGE_LIMITS, type OutboundAttachments } from './outbound-attachments.ts';
import { isSendableSticker } from '../../contracts/sendable-stickers.ts';
import { MEDIA_LINK_TTL_MS, type SignedMediaLinks } from './signed-media-link.ts';

export interface OperatorMessage {
  message: string | OutboundMessage;
  media?: SentMedia;
}

export class OperatorMessages {
  constructor(
    private readonly attachments: OutboundAttachments,
    private readonly links: SignedMediaLinks,
    private readonly now: () => number,
  ) {}

  /** A canned response (`{ canned }`) is the CannedResponsesService's to render, not composed here. */
  compose(body: Exclude<SendMessageRequest, { canned: string }>, conversationId: string, operatorId: string): OperatorMessage {
    if ('text' in body) return { message: body.text };
    if ('sticker' in body) {
      const { packageId, stickerId } = body.sticker;
      if (!isSendableSticker(packageId, stickerId)) throw badRequest('sticker_not_sendable', `LINE does not let a bot send sticker ${packageId}/${stickerId}: pick one from the composer's stickers`);
      return { message: { type: 'sticker', packageId, stickerId } };
    }
    const original = this.attachments.open(body.image.attachmentId, conversationId, operatorId);
    const preview = body.image.previewAttachmentId ? this.attachments.open(body.image.previewAttachmentId, conversationId, operatorId) : original;
    if (preview.size > IMAGE_LIMITS.previewBytes) {
      throw new UserError(413, 'preview_too_large', 'LINE shows a preview of at most 1 MB: send a smaller image too, as previewAttachmentId (the studio makes one for you)');
    }
    const expiresAt = this.now() + MEDIA_LINK_TTL_MS;
    return {
      message: { type: 'image', originalContentUrl: this.links.urlOf(original.key, original.contentType, expiresAt), previewImageUrl: this.links.urlOf(preview.key, preview.contentType, expiresAt) },
      media: { storageKey: original.key, contentType: original.contentType, size: original.size },
    };
  }
}
