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
import { SealedAtRest, SealedSecretUnreadable } from '../channels/sealed-at-rest.ts';
import type { SecretBox } from '../channels/secret-box.ts';

export class TotpSecrets {
  private readonly sealed: SealedAtRest;

  constructor(box: SecretBox | null) {
    this.sealed = new SealedAtRest(box, (operatorId) => `operator:${operatorId}:totp`);
  }

  /** the secret as it is stored: sealed when there is a key. The pending and the confirmed secret share it. */
  seal(operatorId: string, secret: string): string {
    return this.sealed.seal(operatorId, secret);
  }

  /** the secret from what is stored */
  open(operatorId: string, stored: string): string {
    try {
      return this.sealed.open(operatorId, stored);
    } catch (error) {
      if (error instanceof SealedSecretUnreadable) {
        throw conflict('mfa_secret_unreadable', `This operator's authenticator secret is ${error.message}: sign in with a recovery code, or have an admin reset their MFA`);
      }
      throw error;
    }
  }

  /**
   * Seals the secrets stored in the clear (before the key was set) and seals again, with the current key,
   * those sealed with the previous one (BATON_PREVIOUS_ENCRYPTION_KEY); how many operators' changed.
   */
  async sealStored(store: Store): Promise<number> {
    if (!this.sealed.hasKey) return 0;
    let sealed = 0;
    for (const row of await store.operators.withTotpSecrets()) {
      const next = (stored: string | null) => this.sealed.restored(row.id, stored) ?? stored;
      const after = { totp_secret: next(row.totp_secret), totp_pending_secret: next(row.totp_pending_secret) };
      if (after.totp_secret === row.totp_secret && after.totp_pending_secret === row.totp_pending_secret) continue;
      // only if unchanged meanwhile (another engine sealing them too, the operator enrolling again)
      if (await store.operators.replaceTotpSecrets(row, after)) sealed += 1;
    }
    return sealed;
  }
}
