import { LitElement, css, html, nothing } from 'lit';
import type { PresenceRequest } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';

export const Presence = { OFFLINE: 'offline', AVAILABLE: 'available', AWAY: 'away' } as const;
export type Presence = (typeof Presence)[keyof typeof Presence];
type ChosenPresence = PresenceRequest['presence'];

const STATUS: Record<Presence, string> = {
  offline: 'Offline — set Available to receive chats',
  available: 'Available — new chats are assigned to you',
  away: 'Away — you keep your chats but get no new ones',
};

/**
 * Available / Away for the signed-in operator (`PUT /api/me/presence`).
 *
 * The engine has no way to read presence back, so this starts at what the engine does on sign-in and
 * on every reconnect of a fresh page: `offline` until the operator picks one. The inbox calls
 * `reassert()` after its socket reconnects, because a dropped socket made the engine mark us offline.
 */
export class BatonPresenceToggle extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .group {
        display: flex;
      }
      .group button {
        flex: 1;
        padding: 5px 10px;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: 6px;
      }
      .group button:first-child {
        border-top-right-radius: 0;
        border-bottom-right-radius: 0;
      }
      .group button:last-child {
        border-top-left-radius: 0;
        border-bottom-left-radius: 0;
        border-left: none;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: #9ca3af;
      }
      .available .dot {
        background: var(--baton-line-green);
      }
      .away .dot {
        background: #f59e0b;
      }
      button[aria-pressed='true'].available {
        background: #e3f6ea;
        border-color: #8fd3a8;
        color: #137333;
        font-weight: 600;
      }
      button[aria-pressed='true'].away {
        background: #fff4e0;
        border-color: #f3c98b;
        color: var(--baton-warning);
        font-weight: 600;
      }
      .status {
        margin-top: 6px;
        font-size: 12px;
        color: var(--baton-muted);
      }
      .status.offline {
        color: var(--baton-warning);
        background: #fff4e0;
        border: 1px solid #f3c98b;
        border-radius: 6px;
        padding: 6px 8px;
        font-weight: 600;
      }
      .status.available {
        color: #137333;
      }
      .error {
        margin-top: 6px;
        font-size: 12px;
        padding: 6px 8px;
      }
    `,
  ];
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
      this.error = `Could not set ${presence}: ${describeError(error)}`;
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
      <div class="group" role="group" aria-label="Your availability">
        ${option(Presence.AVAILABLE, 'Available')} ${option(Presence.AWAY, 'Away')}
      </div>
      <div class="status ${this.presence}" role="status" data-testid="presence-status">${STATUS[this.presence]}</div>
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
