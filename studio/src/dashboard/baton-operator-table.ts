import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AnalyticsOperatorsResponse } from '../../../engine/contracts/analytics.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { formatCount, formatDuration, formatScore } from './dashboard-format.ts';

type OperatorRow = AnalyticsOperatorsResponse['operators'][number];

/** The per-operator table over the chosen days: most conversations handled first. */
export class BatonOperatorTable extends LitElement {
  static override styles = [
    controlStyles,
    tableStyles,
    css`
      :host {
        display: block;
      }
      tbody th {
        background: none;
        color: var(--baton-text);
        font-weight: 500;
        font-size: 13px;
      }
      td.number {
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
    `,
  ];
  static override properties = { operators: { attribute: false } };

  declare operators: readonly OperatorRow[];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.operators = [];
  }

  override render() {
    if (this.operators.length === 0) return html`<p class="muted" data-testid="operators-empty">${msg('No operator handled a conversation on these days.')}</p>`;
    const rows = [...this.operators].sort((a, b) => b.metrics.handled - a.metrics.handled || a.name.localeCompare(b.name));
    return html`<div class="table-wrap">
      <table data-testid="operator-table">
        <thead>
          <tr>
            <th scope="col">${msg('Operator')}</th>
            <th scope="col">${msg('Handled')}</th>
            <th scope="col">${msg('First response, avg')}</th>
            <th scope="col">${msg('First response, p90')}</th>
            <th scope="col">${msg('Resolution, avg')}</th>
            <th scope="col">${msg('Transfers')}</th>
            <th scope="col">${msg('CSAT')}</th>
            <th scope="col">${msg('CSAT answers')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            rows,
            (row) => row.operatorId,
            ({ operatorId, name, metrics: m }) => html`<tr data-testid="operator-stats" data-operator=${operatorId}>
              <th scope="row">${name}</th>
              <td class="number" data-metric="handled">${formatCount(m.handled)}</td>
              <td class="number">${formatDuration(m.firstResponseSeconds.calendar.avg)}</td>
              <td class="number">${formatDuration(m.firstResponseSeconds.calendar.p90)}</td>
              <td class="number">${formatDuration(m.resolutionSeconds.calendar.avg)}</td>
              <td class="number">${formatCount(m.transfers)}</td>
              <td class="number">${formatScore(m.csatAverage)}</td>
              <td class="number">${formatCount(m.csatResponses)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('baton-operator-table', BatonOperatorTable);

declare global {
  interface HTMLElementTagNameMap {
    'baton-operator-table': BatonOperatorTable;
  }
}
