import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { connection, ConnectionState } from '../api/connection-status.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { connectionBannerStyles } from './baton-connection-banner.styles.ts';

const TICK_MS = 1_000;

/**
 * One banner for the whole studio while its REST calls cannot get through: "Can't reach Baton" when
 * nothing answers, "Baton is busy" when the engine answers 503 (its database is away). Reads are tried
 * again on their own (connection-status.ts); the banner counts down to the next try, offers to try now,
 * and goes away as soon as a call gets through.
 */
export class BatonConnectionBanner extends LitElement {
  static override styles = [controlStyles, connectionBannerStyles];

  #ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }
  readonly #onChange = () => this.#follow();

  override connectedCallback(): void {
    super.connectedCallback();
    connection.addEventListener('change', this.#onChange);
    this.#follow();
  }

  override disconnectedCallback(): void {
    connection.removeEventListener('change', this.#onChange);
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    super.disconnectedCallback();
  }

  /** re-render now, and every second while down, for the countdown */
  #follow(): void {
    this.requestUpdate();
    const down = connection.state !== ConnectionState.ONLINE;
    if (down && this.#ticker === undefined) this.#ticker = setInterval(() => this.requestUpdate(), TICK_MS);
    if (!down && this.#ticker !== undefined) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  override render() {
    const state = connection.state;
    if (state === ConnectionState.ONLINE) return nothing;
    const retryAt = connection.retryAt;
    const seconds = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
    const next = seconds ? msg(str`Next try in ${seconds} s.`) : msg('Trying now…');
    const [headline, detail] =
      state === ConnectionState.BUSY
        ? [
            seconds ? msg(str`Baton is busy — retrying in ${seconds} s`) : msg('Baton is busy — retrying…'),
            msg(str`Baton cannot answer right now; its database may be unreachable. ${next}`),
          ]
        : [msg("Can't reach Baton — retrying…"), msg(str`Check your connection, or whether Baton is running. ${next}`)];
    return html`<div class="banner ${state}" role="status" aria-live="polite" data-testid="connection-banner" data-state=${state}>
      <span class="headline" data-testid="connection-headline">${headline}</span>
      <span class="detail">${detail}</span>
      <button data-testid="connection-retry" ?disabled=${!seconds} @click=${() => connection.retryNow()}>${msg('Retry now')}</button>
    </div>`;
  }
}

customElements.define('baton-connection-banner', BatonConnectionBanner);

declare global {
  interface HTMLElementTagNameMap {
    'baton-connection-banner': BatonConnectionBanner;
  }
}
