/**
 * Channel secrets and access tokens, operators' TOTP secrets and relay targets' signing secrets
 * (services/channels/sealed-at-rest.ts), at rest:
 * AES-256-GCM with BATON_ENCRYPTION_KEY (node:crypto). A value is stored as `v1.<iv>.<tag>.<ciphertext>`
 * (base64url), sealed to its row and field (the additional data), so a ciphertext copied into another row
 * or column does not open. While the key is rotated (BATON_PREVIOUS_ENCRYPTION_KEY, docs/channels.md) values
 * sealed with the previous key still open, and `resealed` says what to store instead.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {}

/** whether a stored value is in the sealed form (a TOTP secret or a token stored in the clear is not) */
export const isSealed = (stored: string): boolean => stored.startsWith(`${VERSION}.`);

export class SecretBox {
  constructor(
    private readonly key: Buffer,
    /** the key being rotated away from: opens what it sealed, seals nothing */
    private readonly previousKey: Buffer | null = null,
  ) {
    if (key.length !== 32 || (previousKey && previousKey.length !== 32)) throw new Error('SecretBox: a key must be 32 bytes');
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** throws SecretBoxError when the value was sealed with another key, for another context, or altered */
  open(sealed: string, context: string): string {
    const plain = openWith(this.key, sealed, context) ?? (this.previousKey ? openWith(this.previousKey, sealed, context) : null);
    if (plain === null) throw new SecretBoxError('cannot decrypt: another key (BATON_ENCRYPTION_KEY changed?) or altered data');
    return plain;
  }

  /** the value sealed with the current key when it was sealed with the previous one; null when it needs nothing */
  resealed(sealed: string, context: string): string | null {
    if (!this.previousKey || openWith(this.key, sealed, context) !== null) return null;
    return this.seal(this.open(sealed, context), context);
  }
}

/** the plain value, or null when `key` does not open it (another key, another context, altered) */
function openWith(key: Buffer, sealed: string, context: string): string | null {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) throw new SecretBoxError('not a sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
