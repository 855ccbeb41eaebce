/**
 * A kind of secret stored sealed when BATON_ENCRYPTION_KEY is set (SecretBox, bound to the row it belongs to,
 * so a value copied into another row does not open) and as it comes when not, as before there was a key.
 * Values stored in the clear stay readable and are sealed by their owner's sealStored when an engine starts
 * with a key; while the key is changed, values sealed with the previous key open and are sealed again. What
 * operators' TOTP secrets (services/auth/totp-secrets.ts), relay targets' signing secrets
 * (services/relay/relay-secrets-at-rest.ts) and, for that re-sealing, channel credentials share.
 */
import { isSealed, SecretBoxError, type SecretBox } from './secret-box.ts';

/** A sealed value without the key that sealed it; the message says which of the two. */
export class SealedSecretUnreadable extends Error {}

export class SealedAtRest {
  constructor(
    private readonly box: SecretBox | null,
    /** what the value is bound to, e.g. `operator:<id>:totp` */
    private readonly contextOf: (ownerId: string) => string,
  ) {}

  /** whether values are sealed (there is a key): without one, nothing stored needs looking at */
  get hasKey(): boolean {
    return this.box !== null;
  }

  /** the value as it is stored: sealed when there is a key */
  seal(ownerId: string, value: string): string {
    return this.box ? this.box.seal(value, this.contextOf(ownerId)) : value;
  }

  /** the value from what is stored; throws SealedSecretUnreadable for a sealed one without its key */
  open(ownerId: string, stored: string): string {
    if (!isSealed(stored)) return stored;
    if (!this.box) throw new SealedSecretUnreadable('encrypted and BATON_ENCRYPTION_KEY is not set');
    try {
      return this.box.open(stored, this.contextOf(ownerId));
    } catch (error) {
      if (error instanceof SecretBoxError) throw new SealedSecretUnreadable('encrypted and BATON_ENCRYPTION_KEY is not the key it was stored with');
      throw error;
    }
  }

  /**
   * What to store instead of `stored`: sealed when it is in the clear, sealed with the current key when it was
   * sealed with the previous one; null when it is right as it is (or no key opens it: it stays, unreadable).
   */
  restored(ownerId: string, stored: string | null): string | null {
    if (!this.box || stored === null) return null;
    if (!isSealed(stored)) return this.seal(ownerId, stored);
    try {
      return this.box.resealed(stored, this.contextOf(ownerId));
    } catch (error) {
      if (error instanceof SecretBoxError) return null;
      throw error;
    }
  }
}
