/**
 * Images an operator uploads for a conversation before sending them (POST /api/conversations/:id/attachments).
 * The bytes go to media storage at once under a random key; the attachment's id is a signed, expiring note of
 * that key, its type and size, the conversation and the uploader, so no table is needed for uploads that are
 * never sent. Sending one (sendImage) checks the note and turns the key into the public links LINE fetches.
 *
 * LINE has no "file" message for bots: an image message is the only way to send bytes. So only what LINE can
 * show is accepted (JPEG or PNG, sniffed from the bytes): a file is refused with 415 and a hint to share it as
 * a link in a text, rather than silently sent as a link to a download the customer cannot preview.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { badRequest, forbidden, UserError } from '../../errors.ts';
import { sniffContentType } from './sniff-content-type.ts';
import type { MediaStorage } from './media-storage.ts';

/** LINE's limits for an image message: the original up to 10 MB, the preview up to 1 MB. */
export const IMAGE_LIMITS = { originalBytes: 10 * 1024 * 1024, previewBytes: 1024 * 1024 } as const;
export const SENDABLE_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];

/** An upload must be sent within this long (the bytes stay, unsent, until the storage is cleaned by hand). */
const ATTACHMENT_TTL_MS = 60 * 60 * 1000;

export interface Attachment {
  id: string;
  contentType: string;
  size: number;
}

export interface AttachmentNote {
  key: string;
  contentType: string;
  size: number;
  conversationId: string;
  operatorId: string;
}

export class OutboundAttachments {
  private readonly key: Buffer;

  constructor(
    private readonly storage: MediaStorage,
    secret: string,
    private readonly now: () => number,
  ) {
    this.key = createHmac('sha256', secret).update('baton attachment v1').digest();
  }

  /** Checks and keeps an uploaded image: 413 over LINE's 10 MB, 415 for anything but JPEG or PNG. */
  async upload(conversationId: string, operatorId: string, bytes: Buffer): Promise<Attachment> {
    if (bytes.length === 0) throw badRequest('empty_attachment', 'The upload is empty: send the image\'s bytes as the body');
    if (bytes.length > IMAGE_LIMITS.originalBytes) throw tooLarge();
    const contentType = sniffContentType(bytes.subarray(0, 16));
    if (!SENDABLE_IMAGE_TYPES.includes(contentType)) {
      throw new UserError(415, 'unsupported_media_type', 'LINE lets a bot send JPEG or PNG images only. To share another file, put a link to it in a text message.');
    }
    const key = `out-${randomBytes(16).toString('hex')}`;
    await this.storage.put(key, Readable.from([bytes]));
    const note: AttachmentNote = { key, contentType, size: bytes.length, conversationId, operatorId };
    return { id: this.seal(note), contentType, size: bytes.length };
  }

  /** The upload an attachment id names: 400 for an id Baton never gave or one past its hour, 403 for another's. */
  open(id: string, conversationId: string, operatorId: string): AttachmentNote {
    const note = this.unseal(id);
    if (!note) throw badRequest('unknown_attachment', 'This attachment is unknown or expired: upload the image again');
    if (note.conversationId !== conversationId || note.operatorId !== operatorId) throw forbidden('This attachment was uploaded for another conversation or by another operator');
    return note;
  }

  private seal(note: AttachmentNote): string {
    const body = Buffer.from(JSON.stringify({ ...note, expiresAt: this.now() + ATTACHMENT_TTL_MS })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  private unseal(id: string): AttachmentNote | null {
    const [body, signature, extra] = id.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const expiresAt = Reflect.get(value, 'expiresAt');
    if (typeof expiresAt !== 'number' || expiresAt <= this.now()) return null;
    const field = (name: string) => String(Reflect.get(value, name));
    return { key: field('key'), contentType: field('contentType'), size: Number(Reflect.get(value, 'size')), conversationId: field('conversationId'), operatorId: field('operatorId') };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

export const tooLarge = (): UserError => new UserError(413, 'attachment_too_large', 'LINE takes images up to 10 MB: send a smaller image');
