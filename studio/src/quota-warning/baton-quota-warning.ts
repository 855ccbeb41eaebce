import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { lineQuota } from './line-quota-client.ts';
import { quotaWarningText } from './quota-warning-text.ts';

/** LINE's figures change slowly (the engine asks LINE every 10 minutes): the banner looks again as often. */
const RECHECK_MS = 10 * 60_000;

/**
 * A one-line notice under the header for supervisors and admins when LINE's monthly message quota is running
 * out (GET /api/line/quota's warning), with a link to the dashboard's "Messages to LINE" card. Silent when
 * there is no warning or the figures cannot be read (the dashboard says why).
 */
export class BatonQuotaWarning extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    p {
      margin: 0;
      padding: 6px 16px;
      background: var(--baton-warning-soft);
      color: var(--baton-warning-text);
      border-bottom: 1px solid var(--baton-warning-border);
      font-size: 13px;
    }
    a {
      color: inherit;
      font-weight: 600;
    }
  `;
  static override properties = { tick: { state: true } };

  declare tick: number;
  #timer: ReturnType<typeof setInterval> | null = null;

  readonly #quota = new Task(this, {
    args: (): [number] => [this.tick],
    task: ([], { signal }) => lineQuota.get(signal),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.tick = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.tick += 1), RECHECK_MS);
  }

  override disconnectedCallback(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    super.disconnectedCallback();
  }

  override render() {
    const quota = this.#quota.value;
    const text = quota ? quotaWarningText(quota) : null;
    if (!text) return nothing;
    return html`<p role="status" data-testid="quota-warning">${text} <a href="#/dashboard">${msg('See the dashboard')}</a></p>`;
  }
}

customElements.define('baton-quota-warning', BatonQuotaWarning);

declare global {
  interface HTMLElementTagNameMap {
    'baton-quota-warning': BatonQuotaWarning;
  }
}
