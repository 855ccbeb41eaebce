import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { AnalyticsSummary } from '../../../engine/contracts/analytics.ts';
import type { LineQuotaDto } from '../../../engine/contracts/line-quota.ts';
import { describeError } from '../api/api-error.ts';
import { dateTimeFormat } from '../i18n/format-locale.ts';
import { lineQuota } from '../quota-warning/line-quota-client.ts';
import { quotaWarningText } from '../quota-warning/quota-warning-text.ts';
import { lineQuotaCardStyles } from './baton-line-quota-card.styles.ts';
import { formatCount, formatRate } from './dashboard-format.ts';

/** LINE's month is Japan's (docs/line-quota.md): its dates are shown as Japan's */
const JAPAN_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'Asia/Tokyo' };
const WHEN: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/**
 * The dashboard's "Messages to LINE" card (GET /api/line/quota, and the chosen days' replies and pushes from the
 * summary): replies vs pushes this month, the quota bar, the forecast, the share of answers that went free by
 * reply in the chosen days, and the warning when the quota is running out.
 */
export class BatonLineQuotaCard extends LitElement {
  static override styles = lineQuotaCardStyles;
  static override properties = { summary: { attribute: false } };

  /** the chosen days' figures, for their replies and pushes; null while loading */
  declare summary: AnalyticsSummary | null;

  readonly #quota = new Task(this, {
    args: (): [] => [],
    task: (_args, { signal }) => lineQuota.get(signal),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.summary = null;
  }

  override render() {
    return html`<section data-testid="line-quota-card" aria-labelledby="line-quota-title">
      <h2 id="line-quota-title">${msg('Messages to LINE')}</h2>
      ${this.#quota.render({
        initial: () => html`<p class="muted">${msg('Loading…')}</p>`,
        pending: () => html`<p class="muted">${msg('Loading…')}</p>`,
        error: (error) => html`<p class="warning" role="alert">${msg(str`Could not load LINE's quota: ${describeError(error)}`)}</p>`,
        complete: (quota) => this.#renderQuota(quota),
      })}
      ${this.#renderRange()}
    </section>`;
  }

  #renderQuota(quota: LineQuotaDto) {
    const warning = quotaWarningText(quota);
    const monthTotal = quota.sent.replies + quota.sent.pushes;
    return html`${warning ? html`<p class="warning" role="alert" data-testid="quota-card-warning">${warning}</p>` : nothing}
      ${this.#bar(msg('Replies this month (free)'), quota.sent.replies, monthTotal, 'reply', 'month-replies')}
      ${this.#bar(msg('Pushes this month'), quota.sent.pushes, monthTotal, 'push', 'month-pushes')}
      ${this.#renderLimit(quota)}
      <p data-testid="quota-forecast">
        ${msg(str`Expected by the end of the month: ${formatCount(quota.forecast.endOfMonth)}.`)}
        ${quota.forecast.runsOutOn
          ? msg(str`At this pace the quota runs out on ${quota.forecast.runsOutOn}.`)
          : quota.limit === null
            ? nothing
            : msg('At this pace the quota lasts the month.')}
      </p>
      <p class="muted" data-testid="quota-by-baton">
        ${msg(str`Baton pushed ${formatCount(quota.usedByBaton)} times this month (LINE also counts what is sent from the LINE Official Account Manager). The quota starts again on ${dateTimeFormat(JAPAN_DATE).format(quota.resetsAt)} (Japan time).`)}
      </p>
      ${quota.stale
        ? html`<p class="muted" data-testid="quota-stale">
            ${quota.checkedAt === null
              ? msg("LINE has not given its figures yet: Baton's own count is shown.")
              : msg(str`LINE's figures as of ${dateTimeFormat(WHEN).format(quota.checkedAt)}: LINE has not answered since.`)}
          </p>`
        : nothing}`;
  }

  #renderLimit(quota: LineQuotaDto) {
    if (quota.limit === null) {
      const text = quota.type === null ? msg('Monthly quota: not known yet') : msg('Monthly quota: no limit');
      return html`<p data-testid="quota-used">${text} · ${msg(str`${formatCount(quota.used)} counted so far`)}</p>`;
    }
    const full = quota.used >= quota.limit;
    return html`<div class="row">
      <span>${msg('Quota used')}</span>
      <div class="track" role="meter" aria-valuemin="0" aria-valuemax=${quota.limit} aria-valuenow=${quota.used} aria-label=${msg('Quota used')}>
        <div class="fill ${full ? 'full' : ''}" style="width: ${Math.min(100, (quota.used / Math.max(1, quota.limit)) * 100)}%"></div>
      </div>
      <span class="value" data-testid="quota-used">${formatCount(quota.used)} / ${formatCount(quota.limit)}</span>
    </div>`;
  }

  #bar(label: string, value: number, total: number, kind: 'reply' | 'push', testId: string) {
    return html`<div class="row">
      <span>${label}</span>
      <div class="track"><div class="fill ${kind}" style="width: ${total === 0 ? 0 : (value / total) * 100}%"></div></div>
      <span class="value" data-testid=${testId}>${formatCount(value)}</span>
    </div>`;
  }

  /** the chosen days: how much of what went out was free */
  #renderRange() {
    const s = this.summary;
    if (!s) return nothing;
    const total = s.replies + s.pushes;
    if (total === 0) return html`<p class="muted" data-testid="quota-free-share">${msg(str`Nothing went to LINE from ${s.from} to ${s.to}.`)}</p>`;
    return html`<p data-testid="quota-free-share">
      ${msg(str`${formatRate(s.replies / total)} of answers went free by reply from ${s.from} to ${s.to} (${formatCount(s.replies)} replies, ${formatCount(s.pushes)} pushes).`)}
    </p>`;
  }
}

customElements.define('baton-line-quota-card', BatonLineQuotaCard);

declare global {
  interface HTMLElementTagNameMap {
    'baton-line-quota-card': BatonLineQuotaCard;
  }
}
