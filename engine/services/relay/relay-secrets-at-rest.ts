/**
 * Relay targets' signing secrets at rest (docs/relay.md). Baton must read a secret to sign with it, so it
 * cannot be hashed; with BATON_ENCRYPTION_KEY set it is sealed as channel credentials are (SecretBox, bound
 * to its target), so a copy of the database or of a backup cannot sign events a target would take for
 * LINE's. Without the key it is stored as it comes; secrets stored in the clear are sealed when an engine
 * starts with a key (sealStored). Without the key that sealed a secret nothing is sent to that target
 * (never unsigned): its deliveries wait, retried, and rotating its secret mends it.
 */
import type { Store } from '../../store/store.ts';
import { SealedAtRest } from '../channels/sealed-at-rest.ts';
import type { SecretBox } from '../channels/secret-box.ts';

export class RelaySecrets {
  private readonly sealed: SealedAtRest;

  constructor(box: SecretBox | null) {
    this.sealed = new SealedAtRest(box, (targetId) => `relay-target:${targetId}:secret`);
  }

  /** the secret as it is stored: sealed when there is a key */
  seal(targetId: string, secret: string): string {
    return this.sealed.seal(targetId, secret);
  }

  /** the secret to sign with; throws SealedSecretUnreadable without the key that sealed it */
  open(targetId: string, stored: string): string {
    return this.sealed.open(targetId, stored);
  }

  /**
   * Seals the secrets stored in the clear (before the key was set) and seals again, with the current key,
   * those sealed with the previous one (BATON_PREVIOUS_ENCRYPTION_KEY); how many targets' changed.
   */
  async sealStored(store: Store): Promise<number> {
    if (!this.sealed.hasKey) return 0;
    let sealed = 0;
    for (const row of await store.relayTargets.list()) {
      const after = this.sealed.restored(row.id, row.secret);
      // only if unchanged meanwhile (another engine sealing it too, an admin rotating it)
      if (after !== null && (await store.relayTargets.replaceSecret(row.id, row.secret, after))) sealed += 1;
    }
    return sealed;
  }
}
