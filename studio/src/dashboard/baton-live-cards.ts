import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import type { AnalyticsLive } from '../../../engine/contracts/analytics.ts';
import { analytics } from '../api/analytics-client.ts';
import { describeError } from '../api/api-error.ts';
import { RealtimeStatus, SocketController } from '../realtime/socket-controller.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { liveCardStyles } from './baton-live-cards.styles.ts';
import { formatCount, formatDuration, formatRate, formatScore } from './dashboard-format.ts';
import { formatDay } from '../shared/format.ts';
import { longestWaitNow, newerLive } from './live-state.ts';

const statusText = (status: RealtimeStatus): string =>
  ({
    connecting: msg('Connecting…'),
    live: msg('Live'),
    reconnecting: msg('Reconnecting…'),
    rejected: msg('Not updating: sign in again'),
  })[status];

/**
 * The live cards: waiting, active and the longest wait now; first response, CSAT and containment today.
 * Loaded once with GET /api/analytics/live, then kept current by the 'analytics:live' socket event (the
 * engine coalesces it); after a reconnect it loads again, since events may have been missed. Nothing polls:
 * only the longest wait counts up on a local one-second clock while someone is waiting.
 */
export class BatonLiveCards extends LitElement {
  static override styles = [controlStyles, liveCardStyles];
  static override properties = { live: { state: true }, error: { state: true }, now: { state: true } };

  declare live: AnalyticsLive | null;
  declare error: string | null;
  declare now: number;

  #ticker: ReturnType<typeof setInterval> | undefined;
  #load: AbortController | null = null;

  readonly #realtime = new SocketController(this, {
    onAnalyticsLive: (live) => this.#apply(live),
    onResync: () => void this.#fetch(),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.live = null;
    this.error = null;
    this.now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#fetch();
    this.#ticker = setInterval(() => {
      if (this.live && this.live.longestWaitSeconds !== null) this.now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#ticker);
    this.#load?.abort();
    super.disconnectedCallback();
  }

  async #fetch(): Promise<void> {
    this.#load?.abort();
    const load = new AbortController();
    this.#load = load;
    try {
      this.#apply(await analytics.live(load.signal));
      this.error = null;
    } catch (error) {
      if (!load.signal.aborted) this.error = describeError(error);
    }
  }

  #apply(live: AnalyticsLive): void {
    this.live = newerLive(this.live, live);
    this.now = Date.now();
  }

  override render() {
    const status = this.#realtime.status;
    const live = this.live;
    return html`<section aria-labelledby="live-heading">
      <div class="heading">
        <h2 id="live-heading">
          ${msg('Now')}${live ? html` <span class="muted">· ${msg(str`today is ${formatDay(live.today.day)}`)}</span>` : nothing}
        </h2>
        <span class="status" data-testid="live-status" data-status=${status}>${statusText(status)}</span>
      </div>
      ${this.error ? html`<div class="error" role="alert" data-testid="live-error">${msg(str`Could not load the live figures: ${this.error}`)}</div>` : nothing}
      <dl class="cards" aria-live="polite" aria-busy=${live ? 'false' : 'true'}>
        ${card('waiting', msg('Waiting'), live ? formatCount(live.waiting) : null)}
        ${card('active', msg('Active', { id: 'live-active', desc: 'conversations an operator is handling now' }), live ? formatCount(live.active) : null)}
        ${card('longest-wait', msg('Longest wait'), live ? formatDuration(longestWaitNow(live, this.now)) : null)}
        ${card('frt-today', msg('First response today'), live ? formatDuration(live.today.firstResponseSeconds.avg) : null, live ? msg(str`p90 ${formatDuration(live.today.firstResponseSeconds.p90)}`) : '')}
        ${card('csat-today', msg('CSAT today'), live ? formatScore(live.today.csatAverage) : null, live ? msg(str`${formatCount(live.today.csatResponses)} answers`) : '')}
        ${card('containment-today', msg('Bot containment today'), live ? formatRate(live.today.containmentRate) : null, live ? msg(str`${formatCount(live.today.conversations)} conversations`) : '')}
      </dl>
    </section>`;
  }
}

function card(name: string, label: string, value: string | null, note = '') {
  return html`<div class="card">
    <dt>${label}</dt>
    <dd class="value" data-testid="live-${name}">${value ?? '…'}</dd>
    ${note ? html`<dd class="note">${note}</dd>` : nothing}
  </div>`;
}

customElements.define('baton-live-cards', BatonLiveCards);

declare global {
  interface HTMLElementTagNameMap {
    'baton-live-cards': BatonLiveCards;
  }
}
