/**
 * TOTP secrets at rest. With BATON_ENCRYPTION_KEY set they are sealed as channel credentials are
 * (SecretBox, bound to their operator), so a copy of the database or of a backup does not carry anyone's
 * second factor; without the key they are stored as they come, as before there was one. Secrets stored
 * in the clear are sealed when an engine starts with a key (sealStored). A sealed secret cannot be used
 * without the key that sealed it: a code is then refused with 409 mfa_secret_unreadable, a recovery code
 * still signs in, and an admin's MFA reset (which needs no secret) lets the operator enrol again.
 */
import { conflict } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { isSealed, SecretBoxError, type SecretBox } from '../channels/secret-box.ts';

const contextOf = (operatorId: string) => `operator:${operatorId}:totp`;

export class TotpSecrets {
  constructor(private readonly box: SecretBox | null) {}

  /** the secret as it is stored: sealed when there is a key. The pending and the confirmed secret share it. */
  seal(operatorId: string, secret: string): string {
    return this.box ? this.box.seal(secret, contextOf(operatorId)) : secret;
  }

  /** the secret from what is stored */
  open(operatorId: string, stored: string): string {
    if (!isSealed(stored)) return stored;
    const unreadable = (why: string) =>
      conflict('mfa_secret_unreadable', `This operator's authenticator secret is encrypted and ${why}: sign in with a recovery code, or have an admin reset their MFA`);
    if (!this.box) throw unreadable('BATON_ENCRYPTION_KEY is not set');
    try {
      return this.box.open(stored, contextOf(operatorId));
    } catch (error) {
      if (error instanceof SecretBoxError) throw unreadable('BATON_ENCRYPTION_KEY is not the key it was stored with');
      throw error;
    }
  }

  /** Seals the secrets stored in the clear (before the key was set); how many operators' were sealed. */
  async sealStored(store: Store): Promise<number> {
    if (!this.box) return 0;
    let sealed = 0;
    for (const row of await store.operators.withTotpSecretsInTheClear()) {
      const next = (stored: string | null) => (stored === null || isSealed(stored) ? stored : this.seal(row.id, stored));
      // only if unchanged meanwhile (another engine sealing them too, the operator enrolling again)
      if (await store.operators.replaceTotpSecrets(row, { totp_secret: next(row.totp_secret), totp_pending_secret: next(row.totp_pending_secret) })) sealed += 1;
    }
    return sealed;
  }
}
