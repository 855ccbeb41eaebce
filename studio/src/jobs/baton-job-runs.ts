import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobRunDto } from '../../../engine/contracts/analytics.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { formatDateTime } from '../shared/format.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { describeResult, runTime, statusText } from './job-run-text.ts';
import { jobStatusStyles } from './job-status.styles.ts';

/** A job's recent runs, newest first: when, how it ended, what it reported, who started it. */
export class BatonJobRuns extends LitElement {
  static override styles = [
    controlStyles,
    tableStyles,
    jobStatusStyles,
    css`
      :host {
        display: block;
      }
      td.when {
        white-space: nowrap;
      }
      .run-error {
        color: var(--baton-danger);
        overflow-wrap: anywhere;
      }
    `,
  ];
  static override properties = { runs: { attribute: false }, names: { attribute: false } };

  declare runs: readonly JobRunDto[];
  /** operator names by id, for who pressed "Run now" */
  declare names: ReadonlyMap<string, string>;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.runs = [];
    this.names = new Map();
  }

  override render() {
    if (this.runs.length === 0) return html`<p class="muted" data-testid="job-runs-empty">${msg('This job has not run yet.')}</p>`;
    return html`<div class="table-wrap">
      <table data-testid="job-runs">
        <thead>
          <tr>
            <th scope="col">${msg('Started')}</th>
            <th scope="col">${msg('Status')}</th>
            <th scope="col">${msg('Took')}</th>
            <th scope="col">${msg('Result')}</th>
            <th scope="col">${msg('Started by')}</th>
            <th scope="col">${msg('Engine')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this.runs,
            (run) => run.id,
            (run) => html`<tr data-testid="job-run" data-run=${run.id} data-status=${run.status}>
              <td class="when">${formatDateTime(run.startedAt)}</td>
              <td><span class="badge ${run.status}">${statusText(run.status)}</span></td>
              <td class="when">${runTime(run)}</td>
              <td>${describeResult(run.result)}${run.error ? html`<div class="run-error">${run.error}</div>` : ''}</td>
              <td>${run.startedBy ? (this.names.get(run.startedBy) ?? run.startedBy) : html`<span class="muted">${msg('schedule')}</span>`}</td>
              <td class="muted">${run.instanceId}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('baton-job-runs', BatonJobRuns);

declare global {
  interface HTMLElementTagNameMap {
    'baton-job-runs': BatonJobRuns;
  }
}
