import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { analytics, type AnalyticsQuery, type ExportBreakdown } from '../api/analytics-client.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { saveBlob } from '../shared/save-file.ts';
import './baton-chart.ts';
import './baton-csat-comments.ts';
import './baton-line-quota-card.ts';
import './baton-live-cards.ts';
import './baton-operator-table.ts';
import './baton-range-summary.ts';
import { dashboardStyles } from './baton-dashboard.styles.ts';
import { dayCharts, hourChart } from './dashboard-charts.ts';
import { filtersFromForm, filtersFromHash, hashWithFilters } from './dashboard-filters.ts';
import { filterBarStyles, pageStyles } from '../shared/page.styles.ts';

/** the newest comments shown; the CSV export has them all */
const COMMENTS_SHOWN = 50;

/**
 * Studio › Dashboard (supervisors and admins): the live cards, then the chosen days (default the last 7)
 * for a team or an operator: totals, charts over days and by hour of day (each also as a table), the
 * per-operator table and the CSAT comments; "Export CSV" downloads the same days. The filters are kept
 * in the address (#/dashboard?from=…&to=…&team=…&operator=…), so a reload keeps them.
 */
export class BatonDashboard extends LitElement {
  static override styles = [controlStyles, pageStyles, filterBarStyles, dashboardStyles];
  static override properties = {
    query: { state: true },
    exportBy: { state: true },
    exporting: { state: true },
    exportError: { state: true },
    team: { state: true },
  };

  declare query: AnalyticsQuery;
  declare exportBy: ExportBreakdown;
  declare exporting: boolean;
  declare exportError: string | null;
  /** the team chosen in the form (not yet applied), which narrows the operator list */
  declare team: string;

  readonly #report = new Task(this, {
    args: (): [AnalyticsQuery] => [this.query],
    task: async ([query], { signal }) => {
      const [summary, days, hours, operators, comments] = await Promise.all([
        analytics.summary(query, signal),
        analytics.days(query, signal),
        analytics.hours(query, signal),
        analytics.operators(query, signal),
        analytics.csatComments(query, COMMENTS_SHOWN, signal),
      ]);
      return { summary, days: days.days, hours: hours.hours, operators: operators.operators, comments: comments.comments };
    },
  });

  /** names for the operator filter, and the teams they belong to */
  readonly #people = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => (await api.operators(signal)).operators,
  });

  readonly #onHashChange = () => {
    if (location.hash.startsWith('#/dashboard')) this.#setQuery(filtersFromHash(location.hash), false);
  };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.query = filtersFromHash(location.hash);
    this.team = this.query.team ?? '';
    this.exportBy = 'day';
    this.exporting = false;
    this.exportError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    super.disconnectedCallback();
  }

  #setQuery(query: AnalyticsQuery, writeAddress: boolean): void {
    this.query = query;
    this.team = query.team ?? '';
    if (writeAddress) history.replaceState(null, '', hashWithFilters(location.hash, query));
  }

  #apply(event: SubmitEvent): void {
    event.preventDefault();
    if (event.currentTarget instanceof HTMLFormElement) this.#setQuery(filtersFromForm(new FormData(event.currentTarget), this.query), true);
  }

  async #export(): Promise<void> {
    this.exporting = true;
    this.exportError = null;
    try {
      const { from, to } = this.query;
      saveBlob(await analytics.exportCsv(this.query, this.exportBy), `baton-analytics-${from}-to-${to}-by-${this.exportBy}.csv`);
    } catch (error) {
      this.exportError = describeError(error);
    } finally {
      this.exporting = false;
    }
  }

  override render() {
    return html`<div class="page">
      <h1>${msg('Dashboard')}</h1>
      <baton-live-cards></baton-live-cards>
      <baton-line-quota-card .summary=${this.#report.value?.summary ?? null}></baton-line-quota-card>
      ${this.#renderFilters()}
      ${this.exportError ? html`<div class="error" role="alert" data-testid="export-error">${msg(str`Could not export: ${this.exportError}`)}</div>` : nothing}
      ${this.#renderReport()}
    </div>`;
  }

  #renderFilters() {
    const people: readonly OperatorDto[] = this.#people.value ?? [];
    const teams = [...new Set(people.flatMap((p) => p.teams))].sort((a, b) => a.localeCompare(b));
    const chosenTeam = this.team;
    const inTeam = chosenTeam ? people.filter((p) => p.teams.includes(chosenTeam)) : people;
    const { from, to, team = '', operator = '' } = this.query;
    return html`<form @submit=${this.#apply} data-testid="dashboard-filters" aria-label=${msg('Filters')}>
      <label>${msg('From')} <input type="date" name="from" .value=${from} required data-testid="filter-from" /></label>
      <label>${msg('To')} <input type="date" name="to" .value=${to} required data-testid="filter-to" /></label>
      <label
        >${msg('Team')}
        <select name="team" data-testid="filter-team" @change=${(e: Event) => (this.team = e.target instanceof HTMLSelectElement ? e.target.value : '')}>
          <option value="" ?selected=${team === ''}>${msg('All teams')}</option>
          ${teams.map((t) => html`<option value=${t} ?selected=${t === team}>${t}</option>`)}
          ${team && !teams.includes(team) ? html`<option value=${team} selected>${team}</option>` : nothing}
        </select>
      </label>
      <label
        >${msg('Operator')}
        <select name="operator" data-testid="filter-operator">
          <option value="" ?selected=${operator === ''}>${msg('Everyone')}</option>
          ${inTeam.map((p) => html`<option value=${p.id} ?selected=${p.id === operator}>${p.name}</option>`)}
        </select>
      </label>
      <div class="buttons">
        <button class="primary" type="submit" data-testid="filter-apply">${msg('Apply')}</button>
        <label class="inline"
          >${msg('by', { id: 'export-by-by', desc: 'Export CSV broken down by day, team or operator' })}
          <select
            data-testid="export-by"
            aria-label=${msg('Export broken down by')}
            @change=${(e: Event) => {
              if (e.target instanceof HTMLSelectElement && isBreakdown(e.target.value)) this.exportBy = e.target.value;
            }}
          >
            <option value="day">${msg('day', { id: 'export-by-day', desc: 'Export CSV broken down by day, team or operator' })}</option>
            <option value="team">${msg('team', { id: 'export-by-team', desc: 'Export CSV broken down by day, team or operator' })}</option>
            <option value="operator">${msg('operator', { id: 'export-by-operator', desc: 'Export CSV broken down by day, team or operator' })}</option>
          </select>
        </label>
        <button type="button" ?disabled=${this.exporting} data-testid="export-csv" @click=${this.#export}>
          ${this.exporting ? msg('Exporting…') : msg('Export CSV')}
        </button>
      </div>
      ${this.#people.status === TaskStatus.ERROR
        ? html`<p class="muted hint">${msg(str`Operator names could not be loaded: ${describeError(this.#people.error)}`)}</p>`
        : nothing}
    </form>`;
  }

  #renderReport() {
    return this.#report.render({
      initial: () => html`<p class="muted">${msg('Loading…')}</p>`,
      pending: () => html`<p class="muted" data-testid="report-loading">${msg('Loading…')}</p>`,
      error: (error) => html`<div class="error" role="alert" data-testid="report-error">${msg(str`Could not load the figures: ${describeError(error)}`)}</div>`,
      complete: ({ summary, days, hours, operators, comments }) => {
        if (summary.conversations === 0 && summary.messagesIn === 0 && summary.messagesOut === 0) {
          return html`<p class="empty" data-testid="report-empty">${msg(str`No data for these days (${summary.from} to ${summary.to}).`)}</p>`;
        }
        return html`<baton-range-summary .summary=${summary}></baton-range-summary>
          <p class="muted hint">${msg(str`Days in ${summary.timezone}. Durations over calendar time.`)}</p>
          <div class="charts">
            ${dayCharts(this.query, days).map((spec) => html`<baton-chart .spec=${spec}></baton-chart>`)}
            <baton-chart .spec=${hourChart(hours)}></baton-chart>
          </div>
          <h2>${msg('Operators')}</h2>
          <baton-operator-table .operators=${operators}></baton-operator-table>
          <h2>${msg('CSAT comments')}</h2>
          <baton-csat-comments .comments=${comments}></baton-csat-comments>`;
      },
    });
  }
}

const isBreakdown = (value: string): value is ExportBreakdown => value === 'day' || value === 'team' || value === 'operator';

customElements.define('baton-dashboard', BatonDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'baton-dashboard': BatonDashboard;
  }
}
