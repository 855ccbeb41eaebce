import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobRunDto } from '../../../engine/contracts/analytics.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { formatDateTime } from '../shared/format.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { describeResult, runTime, STATUS_TEXT } from './job-run-text.ts';
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
    this.runs = [];
    this.names = new Map();
  }

  override render() {
    if (this.runs.length === 0) return html`<p class="muted" data-testid="job-runs-empty">This job has not run yet.</p>`;
    return html`<div class="table-wrap">
      <table data-testid="job-runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Took</th>
            <th scope="col">Result</th>
            <th scope="col">Started by</th>
            <th scope="col">Engine</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this.runs,
            (run) => run.id,
            (run) => html`<tr data-testid="job-run" data-run=${run.id} data-status=${run.status}>
              <td class="when">${formatDateTime(run.startedAt)}</td>
              <td><span class="badge ${run.status}">${STATUS_TEXT[run.status]}</span></td>
              <td class="when">${runTime(run)}</td>
              <td>${describeResult(run.result)}${run.error ? html`<div class="run-error">${run.error}</div>` : ''}</td>
              <td>${run.startedBy ? (this.names.get(run.startedBy) ?? run.startedBy) : html`<span class="muted">schedule</span>`}</td>
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
