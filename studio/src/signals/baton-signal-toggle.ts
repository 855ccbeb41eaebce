import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { askNoticePermission, noticePermission, type NoticePermission } from './desktop-notice.ts';
import type { OperatorSignals } from './operator-signals.ts';

/**
 * Mutes or unmutes the inbox's sound and desktop notifications, and asks for the browser's permission to
 * notify: on a click, as browsers require, never at load.
 */
export class BatonSignalToggle extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 10px;
        font-size: 12px;
      }
      button {
        padding: 3px 10px;
        font-size: 12px;
      }
      .note {
        color: var(--baton-muted);
      }
    `,
  ];
  static override properties = { signals: { attribute: false }, permission: { state: true } };

  declare signals: OperatorSignals | null;
  declare permission: NoticePermission;

  readonly #onChange = () => this.requestUpdate();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.signals = null;
    this.permission = noticePermission();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.signals?.addEventListener('change', this.#onChange);
  }

  override disconnectedCallback(): void {
    this.signals?.removeEventListener('change', this.#onChange);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('signals')) return;
    const previous = changed.get('signals');
    if (previous instanceof EventTarget) previous.removeEventListener('change', this.#onChange);
    this.signals?.addEventListener('change', this.#onChange);
  }

  async #toggle(): Promise<void> {
    const signals = this.signals;
    if (!signals) return;
    signals.muted = !signals.muted;
    if (!signals.muted) this.permission = await askNoticePermission();
  }

  async #allow(): Promise<void> {
    this.permission = await askNoticePermission();
  }

  override render() {
    const muted = this.signals?.muted ?? false;
    return html`<button data-testid="signals-toggle" aria-pressed=${muted ? 'true' : 'false'} @click=${this.#toggle}>
        ${muted ? msg('Alerts muted (sound, notifications)') : msg('Alerts on: sound, notifications')}
      </button>
      ${muted
        ? nothing
        : this.permission === 'default'
          ? html`<button data-testid="allow-notifications" @click=${this.#allow}>${msg('Allow desktop notifications')}</button>`
          : this.permission === 'denied'
            ? html`<span class="note">${msg('Desktop notifications are blocked in this browser: sound only.')}</span>`
            : nothing}`;
  }
}

customElements.define('baton-signal-toggle', BatonSignalToggle);

declare global {
  interface HTMLElementTagNameMap {
    'baton-signal-toggle': BatonSignalToggle;
  }
}
