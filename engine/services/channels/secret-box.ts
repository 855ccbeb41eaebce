/**
 * Channel secrets and access tokens, and operators' TOTP secrets (services/auth/totp-secrets.ts), at rest:
 * AES-256-GCM with BATON_ENCRYPTION_KEY (node:crypto). A value is stored as `v1.<iv>.<tag>.<ciphertext>`
 * (base64url), sealed to its row and field (the additional data), so a ciphertext copied into another row
 * or column does not open. `v1` names the key generation:
 * rotating the key means re-encrypting every row (docs/channels.md says how, and that no command does it yet).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {}

/** whether a stored value is in the sealed form (a TOTP secret or a token stored in the clear is not) */
export const isSealed = (stored: string): boolean => stored.startsWith(`${VERSION}.`);

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox: the key must be 32 bytes');
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
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) throw new SecretBoxError('not a sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('cannot decrypt: another key (BATON_ENCRYPTION_KEY changed?) or altered data');
    }
  }
}
