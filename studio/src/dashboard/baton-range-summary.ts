import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import type { AnalyticsSummary } from '../../../engine/contracts/analytics.ts';
import { formatCount, formatDuration, formatRate, formatScore } from './dashboard-format.ts';

/** The chosen days in a line of figures (GET /api/analytics/summary): the headline before the charts. */
export class BatonRangeSummary extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    dl {
      margin: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 8px;
    }
    div {
      background: var(--baton-surface);
      border: 1px solid var(--baton-border);
      border-radius: 10px;
      padding: 8px 12px;
    }
    dt {
      font-size: 12px;
      color: var(--baton-muted);
    }
    dd {
      margin: 2px 0 0;
      font-size: 17px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
  `;
  static override properties = { summary: { attribute: false } };

  declare summary: AnalyticsSummary | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.summary = null;
  }

  override render() {
    const s = this.summary;
    if (!s) return html``;
    const figure = (name: string, label: string, value: string) => html`<div><dt>${label}</dt><dd data-testid="summary-${name}">${value}</dd></div>`;
    return html`<dl aria-label=${msg(str`Totals for ${s.from} to ${s.to} (${s.timezone})`)}>
      ${figure('conversations', msg('Conversations'), formatCount(s.conversations))}
      ${figure('handoffs', msg('Handoffs'), formatCount(s.handoffs))}
      ${figure('containment', msg('Bot containment'), formatRate(s.containmentRate))}
      ${figure('frt', msg('First response, avg'), formatDuration(s.firstResponseSeconds.calendar.avg))}
      ${figure('resolution', msg('Resolution, avg'), formatDuration(s.resolutionSeconds.calendar.avg))}
      ${figure('abandonment', msg('Abandoned'), formatRate(s.abandonmentRate))}
      ${figure('csat', msg('CSAT'), `${formatScore(s.csatAverage)} (${formatCount(s.csatResponses)})`)}
      ${figure('fcr', msg('First contact resolution'), formatRate(s.fcrRate))}
    </dl>`;
  }
}

customElements.define('baton-range-summary', BatonRangeSummary);

declare global {
  interface HTMLElementTagNameMap {
    'baton-range-summary': BatonRangeSummary;
  }
}
