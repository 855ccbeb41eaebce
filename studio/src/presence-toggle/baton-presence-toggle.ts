import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import type { PresenceRequest } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { presenceLabel } from '../i18n/role-names.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { presenceToggleStyles } from './baton-presence-toggle.styles.ts';

export const Presence = { OFFLINE: 'offline', AVAILABLE: 'available', AWAY: 'away' } as const;
export type Presence = (typeof Presence)[keyof typeof Presence];
type ChosenPresence = PresenceRequest['presence'];

const statusText = (presence: Presence): string =>
  ({
    offline: msg('Offline — set Available to receive chats'),
    available: msg('Available — new chats are assigned to you'),
    away: msg('Away — you keep your chats but get no new ones'),
  })[presence];

/**
 * Available / Away for the signed-in operator (`PUT /api/me/presence`).
 *
 * The engine offers no way to read presence back, so this starts where the engine puts an operator
 * whose inbox just opened (signed in, or the socket of a previous page closed): `offline`, until they
 * pick one. The inbox calls `reassert()` after its socket reconnects: a dropped socket made us offline.
 */
export class BatonPresenceToggle extends LitElement {
  static override styles = [controlStyles, presenceToggleStyles];
  static override properties = {
    connected: { attribute: false },
    presence: { state: true },
    pending: { state: true },
    error: { state: true },
  };

  /** the inbox's socket is live; with it down the engine cannot hand us chats, so choosing waits */
  declare connected: boolean;
  declare presence: Presence;
  declare pending: ChosenPresence | null;
  declare error: string | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.connected = false;
    this.presence = Presence.OFFLINE;
    this.pending = null;
    this.error = null;
  }

  /** After a reconnect: the engine set us offline when the socket dropped; choose again what we had. */
  reassert(): void {
    if (this.presence !== Presence.OFFLINE) void this.#set(this.presence);
  }

  async #set(presence: ChosenPresence): Promise<void> {
    this.pending = presence;
    this.error = null;
    try {
      this.presence = (await api.setPresence({ presence })).presence;
    } catch (error) {
      this.error = msg(str`Could not set ${presenceLabel(presence)}: ${describeError(error)}`);
    } finally {
      this.pending = null;
    }
  }

  override render() {
    const option = (presence: ChosenPresence, label: string) =>
      html`<button
        class=${presence}
        aria-pressed=${this.presence === presence ? 'true' : 'false'}
        data-testid="presence-${presence}"
        ?disabled=${!this.connected || this.pending !== null}
        @click=${() => this.#set(presence)}
      >
        <span class="dot"></span>${this.pending === presence ? `${label}…` : label}
      </button>`;
    return html`<div data-testid="presence" data-presence=${this.presence}>
      <div class="group" role="group" aria-label=${msg('Your availability')}>
        ${option(Presence.AVAILABLE, presenceLabel(Presence.AVAILABLE))} ${option(Presence.AWAY, presenceLabel(Presence.AWAY))}
      </div>
      <div class="status ${this.presence}" role="status" data-testid="presence-status">${statusText(this.presence)}</div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
    </div>`;
  }
}

customElements.define('baton-presence-toggle', BatonPresenceToggle);

declare global {
  interface HTMLElementTagNameMap {
    'baton-presence-toggle': BatonPresenceToggle;
  }
}
