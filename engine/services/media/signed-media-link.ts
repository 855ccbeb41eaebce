/**
 * Public links to the images operators send. LINE's servers fetch an image message's `originalContentUrl` and
 * `previewImageUrl` themselves, without any studio token, so those URLs must open on their own: each names a
 * random storage key (unguessable by itself) and carries an expiry and an HMAC over both. Changing any part
 * of the link, or using it after it expired, gets 404 (docs/media.md, docs/security.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the links are served (public-media.route.ts). */
export const PUBLIC_MEDIA_PREFIX = '/api/public-media';

/** How long a sent image stays fetchable by LINE (and by anyone holding its link): 14 days. */
export const MEDIA_LINK_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png' };
const TYPES: Readonly<Record<string, string>> = { jpg: 'image/jpeg', png: 'image/png' };

export interface VerifiedLink {
  key: string;
  contentType: string;
}

export class SignedMediaLinks {
  private readonly key: Buffer;

  /** `secret` is the engine's token secret; a key of its own is derived so a link can never pass for a token */
  constructor(
    secret: string,
    private readonly publicUrl: string,
  ) {
    this.key = createHmac('sha256', secret).update('baton media link v1').digest();
  }

  /** The public URL of stored image `key`, valid until `expiresAt` (ms). */
  urlOf(key: string, contentType: string, expiresAt: number): string {
    const ext = EXTENSIONS[contentType];
    if (!ext) throw new Error(`no public link for ${contentType}`);
    const file = `${key}.${ext}`;
    const expires = Math.floor(expiresAt / 1000);
    const base = this.publicUrl.replace(/\/+$/, '');
    return `${base}${PUBLIC_MEDIA_PREFIX}/${file}?expires=${expires}&signature=${this.sign(file, expires)}`;
  }

  /** The storage key and type a link names, or null for a link that was changed, is malformed or has expired. */
  verify(file: string, expires: unknown, signature: unknown, now: number): VerifiedLink | null {
    if (typeof expires !== 'string' || typeof signature !== 'string' || !/^[0-9]{1,12}$/.test(expires)) return null;
    const match = /^([A-Za-z0-9-]{1,90})\.(jpg|png)$/.exec(file);
    if (!match?.[1] || !match[2]) return null;
    const expected = Buffer.from(this.sign(file, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (Number(expires) * 1000 <= now) return null;
    return { key: match[1], contentType: TYPES[match[2]] ?? 'application/octet-stream' };
  }

  private sign(file: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${file}\n${expires}`).digest('base64url');
  }
}
