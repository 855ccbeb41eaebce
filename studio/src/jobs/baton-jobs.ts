import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobDto, JobRunDto } from '../../../engine/contracts/analytics.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { jobs } from '../api/jobs-client.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { pageStyles } from '../shared/page.styles.ts';
import { formatDateTime } from '../shared/format.ts';
import './baton-job-runs.ts';
import { jobsStyles } from './baton-jobs.styles.ts';
import { jobStatusStyles } from './job-status.styles.ts';
import { describeResult, statusText } from './job-run-text.ts';

const RUNS_SHOWN = 20;
/** after "Run now", how often and how long to look for the run's end (a rollup of a day takes seconds) */
const FOLLOW_EVERY_MS = 2_000;
const FOLLOW_AT_MOST = 30;

/**
 * Studio › Jobs (supervisors and admins): each scheduled job with its schedule and last run, and its
 * recent runs; admins can start one now. A run started here is shown at once and followed until it ends.
 */
export class BatonJobs extends LitElement {
  static override styles = [controlStyles, pageStyles, jobStatusStyles, jobsStyles];
  static override properties = {
    operator: { attribute: false },
    runs: { state: true },
    starting: { state: true },
    errors: { state: true },
  };

  declare operator: OperatorDto;
  /** recent runs of the jobs whose runs are open */
  declare runs: ReadonlyMap<string, readonly JobRunDto[]>;
  /** jobs whose "Run now" is on its way */
  declare starting: ReadonlySet<string>;
  /** per job: why its runs could not be loaded or it could not be started */
  declare errors: ReadonlyMap<string, string>;

  readonly #jobs = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => (await jobs.list(signal)).jobs,
  });

  /** names of who pressed "Run now" */
  readonly #names = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => new Map((await api.operators(signal)).operators.map((o) => [o.id, o.name])),
  });

  readonly #followers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.runs = new Map();
    this.starting = new Set();
    this.errors = new Map();
  }

  override disconnectedCallback(): void {
    for (const timer of this.#followers.values()) clearTimeout(timer);
    this.#followers.clear();
    super.disconnectedCallback();
  }

  #setError(job: string, message: string | null): void {
    const errors = new Map(this.errors);
    if (message === null) errors.delete(job);
    else errors.set(job, message);
    this.errors = errors;
  }

  async #loadRuns(job: string): Promise<readonly JobRunDto[] | null> {
    try {
      const { runs } = await jobs.runs(job, RUNS_SHOWN);
      this.runs = new Map(this.runs).set(job, runs);
      this.#setError(job, null);
      return runs;
    } catch (error) {
      this.#setError(job, msg(str`Could not load the runs: ${describeError(error)}`));
      return null;
    }
  }

  #toggleRuns(job: string): void {
    if (this.runs.has(job)) {
      const runs = new Map(this.runs);
      runs.delete(job);
      this.runs = runs;
    } else void this.#loadRuns(job);
  }

  async #runNow(job: string): Promise<void> {
    this.starting = new Set(this.starting).add(job);
    this.#setError(job, null);
    try {
      const run = await jobs.runNow(job);
      const shown = (this.runs.get(job) ?? []).filter((r) => r.id !== run.id);
      this.runs = new Map(this.runs).set(job, [run, ...shown]);
      this.#follow(job, run.id, FOLLOW_AT_MOST);
    } catch (error) {
      this.#setError(job, msg(str`Could not start ${job}: ${describeError(error)}`));
    } finally {
      const starting = new Set(this.starting);
      starting.delete(job);
      this.starting = starting;
    }
  }

  /** reloads the job's runs until the run started here has ended (bounded), then the job list for its last run */
  #follow(job: string, runId: number, triesLeft: number): void {
    clearTimeout(this.#followers.get(job));
    this.#followers.set(
      job,
      setTimeout(async () => {
        const runs = await this.#loadRuns(job);
        const run = runs?.find((r) => r.id === runId);
        if (run?.status === 'running' && triesLeft > 1) this.#follow(job, runId, triesLeft - 1);
        else {
          this.#followers.delete(job);
          void this.#jobs.run();
        }
      }, FOLLOW_EVERY_MS),
    );
  }

  override render() {
    return html`<div class="page">
      <div class="title">
        <h1>${msg('Jobs')}</h1>
        <button data-testid="jobs-refresh" @click=${() => void this.#jobs.run()}>${msg('Refresh')}</button>
      </div>
      <p class="muted intro">${msg('Scheduled work the engine runs by itself, once across all engines.')}</p>
      ${this.#jobs.render({
        initial: () => html`<p class="muted">${msg('Loading…')}</p>`,
        pending: () => (this.#jobs.value ? this.#renderJobs(this.#jobs.value) : html`<p class="muted">${msg('Loading…')}</p>`),
        error: (error) => html`<div class="error" role="alert" data-testid="jobs-error">${msg(str`Could not load the jobs: ${describeError(error)}`)}</div>`,
        complete: (list) => this.#renderJobs(list),
      })}
    </div>`;
  }

  #renderJobs(list: readonly JobDto[]) {
    if (list.length === 0) return html`<p class="muted" data-testid="jobs-empty">${msg('No scheduled jobs.')}</p>`;
    return html`<ul class="jobs" data-testid="jobs">
      ${repeat(
        list,
        (job) => job.name,
        (job) => this.#renderJob(job),
      )}
    </ul>`;
  }

  #renderJob(job: JobDto) {
    const runs = this.runs.get(job.name);
    // the list may be older than a run started here
    const last = runs?.[0] ?? job.lastRun;
    const error = this.errors.get(job.name);
    const admin = this.operator.role === 'admin';
    return html`<li class="job" data-testid="job" data-job=${job.name}>
      <div class="job-head">
        <div>
          <h2>${job.name}</h2>
          <div class="muted schedule" title=${msg('cron schedule')}><code>${job.schedule}</code> · ${job.timezone ?? msg("the engine's time zone")}</div>
        </div>
        <div class="actions">
          <button aria-expanded=${runs ? 'true' : 'false'} data-testid="job-runs-toggle" @click=${() => this.#toggleRuns(job.name)}>
            ${runs ? msg('Hide runs') : msg('Recent runs')}
          </button>
          ${admin
            ? html`<button class="primary" data-testid="job-run-now" ?disabled=${this.starting.has(job.name)} @click=${() => void this.#runNow(job.name)}>
                ${this.starting.has(job.name) ? msg('Starting…') : msg('Run now')}
              </button>`
            : nothing}
        </div>
      </div>
      <p class="last" data-testid="job-last-run" data-status=${last?.status ?? 'never'}>
        ${last
          ? html`${msg('Last run')} <span class="badge ${last.status}">${statusText(last.status)}</span> ${formatDateTime(last.startedAt)}
              ${describeResult(last.result) ? html`· ${describeResult(last.result)}` : nothing}
              ${last.error ? html`<span class="run-error">· ${last.error}</span>` : nothing}`
          : html`<span class="muted">${msg('Not run yet')}</span>`}
      </p>
      ${error ? html`<div class="error" role="alert" data-testid="job-error">${error}</div>` : nothing}
      ${runs ? html`<baton-job-runs .runs=${runs} .names=${this.#names.value ?? new Map()}></baton-job-runs>` : nothing}
    </li>`;
  }
}

customElements.define('baton-jobs', BatonJobs);

declare global {
  interface HTMLElementTagNameMap {
    'baton-jobs': BatonJobs;
  }
}
