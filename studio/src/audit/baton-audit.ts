import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AuditEntryDto } from '../../../engine/contracts/rest.ts';
import { api, type AuditQuery } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { dateTimeFormat } from '../i18n/format-locale.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { saveBlob } from '../shared/save-file.ts';
import { auditStyles } from './baton-audit.styles.ts';
import { auditQueryFrom, today } from './audit-query.ts';
import { filterBarStyles, pageStyles } from '../shared/page.styles.ts';

const PAGE_SIZE = 100;

/**
 * Suggestions for the action filter: the actions the engine records (engine/services/audit, not in the
 * contracts, so listed here); anything else can still be typed.
 */
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.session_revoked',
  'auth.refresh_reused',
  'auth.password_changed',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.reset',
  'operator.created',
  'operator.updated',
  'operator.password_reset',
  'operator.invite_accepted',
  'settings.updated',
  'flow.published',
  'flow.activated',
  'conversation.claimed',
  'conversation.transferred',
  'conversation.closed',
  'audit.exported',
  'job.run',
  'line.quota_warning',
];

/** to the second: the log is read for the order of events */
const WHEN: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };

/**
 * Studio › Audit (supervisors and admins): who did what, when, from where, to what; newest first,
 * filtered by dates, actor and action, paged back with "Older", exported as CSV with the same filters.
 */
export class BatonAudit extends LitElement {
  static override styles = [controlStyles, tableStyles, pageStyles, filterBarStyles, auditStyles];
  static override properties = {
    query: { state: true },
    older: { state: true },
    nextBefore: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  /** the filters applied */
  declare query: AuditQuery;
  /** pages loaded with "Older", after the first */
  declare older: readonly AuditEntryDto[];
  declare nextBefore: number | null;
  declare busy: boolean;
  declare error: string | null;

  readonly #firstPage = new Task(this, {
    args: (): [AuditQuery] => [this.query],
    task: async ([query], { signal }) => {
      const page = await api.audit({ ...query, limit: PAGE_SIZE }, signal);
      this.older = [];
      this.nextBefore = page.nextBefore;
      return page.entries;
    },
  });

  /** operator names for targets that are operators (actors are shown by email) */
  readonly #names = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => new Map((await api.operators(signal)).operators.map((o) => [o.id, o.name])),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.query = {};
    this.older = [];
    this.nextBefore = null;
    this.busy = false;
    this.error = null;
  }

  #apply(event: SubmitEvent): void {
    event.preventDefault();
    if (event.currentTarget instanceof HTMLFormElement) this.query = auditQueryFrom(new FormData(event.currentTarget));
  }

  #clear(): void {
    this.renderRoot.querySelector('form')?.reset();
    this.query = {};
  }

  async #work(run: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await run();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  #loadOlder(): Promise<void> {
    const before = this.nextBefore;
    if (before === null) return Promise.resolve();
    return this.#work(async () => {
      const page = await api.audit({ ...this.query, before, limit: PAGE_SIZE });
      this.older = [...this.older, ...page.entries];
      this.nextBefore = page.nextBefore;
    });
  }

  #export(): Promise<void> {
    return this.#work(async () => saveBlob(await api.auditCsv(this.query), `baton-audit-${today()}.csv`));
  }

  override render() {
    return html`<div class="page">
      <h1>${msg('Audit')}</h1>
      <form @submit=${this.#apply} data-testid="audit-filters" aria-label=${msg('Filters')}>
        <label>${msg('From')} <input type="date" name="from" data-testid="audit-from" /></label>
        <label>${msg('To')} <input type="date" name="to" data-testid="audit-to" /></label>
        <label>${msg('Who')} <input name="actor" placeholder=${msg('email')} autocomplete="off" data-testid="audit-actor" /></label>
        <label
          >${msg('Action')}
          <input name="action" list="audit-actions" placeholder=${msg('any')} autocomplete="off" data-testid="audit-action" />
          <datalist id="audit-actions">${KNOWN_ACTIONS.map((action) => html`<option value=${action}></option>`)}</datalist>
        </label>
        <div class="buttons">
          <button type="button" @click=${this.#clear}>${msg('Clear')}</button>
          <button class="primary" type="submit" data-testid="audit-apply">${msg('Apply')}</button>
          <button type="button" ?disabled=${this.busy} data-testid="audit-export" @click=${this.#export}>${msg('Export CSV')}</button>
        </div>
      </form>
      ${this.error ? html`<div class="error" role="alert" data-testid="audit-error">${this.error}</div>` : nothing}
      ${this.#renderEntries()}
    </div>`;
  }

  #renderEntries() {
    const first = this.#firstPage.value;
    if (this.#firstPage.status === TaskStatus.ERROR) {
      return html`<div class="error" role="alert">${msg(str`Could not load the audit log: ${describeError(this.#firstPage.error)}`)}</div>`;
    }
    if (!first) return html`<p class="muted">${msg('Loading…')}</p>`;
    const entries = [...first, ...this.older];
    if (entries.length === 0) return html`<p class="muted" data-testid="audit-empty">${msg('Nothing recorded matches these filters.')}</p>`;
    return html`<div class="table-wrap">
        <table data-testid="audit-table" aria-busy=${this.#firstPage.status === TaskStatus.PENDING ? 'true' : 'false'}>
          <thead>
            <tr>
              <th scope="col">${msg('When')}</th>
              <th scope="col">${msg('Who')}</th>
              <th scope="col">${msg('Action')}</th>
              <th scope="col">${msg('Target')}</th>
              <th scope="col">${msg('Address')}</th>
              <th scope="col">${msg('Details')}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              entries,
              (e) => e.id,
              (e) => this.#renderEntry(e),
            )}
          </tbody>
        </table>
      </div>
      ${this.nextBefore !== null
        ? html`<div class="more">
            <button ?disabled=${this.busy} data-testid="audit-older" @click=${this.#loadOlder}>${this.busy ? msg('Loading…') : msg('Older')}</button>
          </div>`
        : nothing}`;
  }

  #renderEntry(e: AuditEntryDto) {
    const names = this.#names.value;
    const targetName = e.targetType === 'operator' && e.targetId ? names?.get(e.targetId) : undefined;
    const details = Object.entries(e.details);
    return html`<tr data-testid="audit-entry" data-action=${e.action} data-actor=${e.actorEmail ?? ''} data-target=${e.targetId ?? ''}>
      <td class="when">${dateTimeFormat(WHEN).format(e.at)}</td>
      <td>${e.actorEmail ?? html`<span class="muted">${e.actorId ?? msg('system')}</span>`}</td>
      <td class="action"><code>${e.action}</code></td>
      <td class="target">
        ${e.targetType ? html`<span class="muted">${e.targetType}</span> ` : nothing}${targetName ?? e.targetId ?? ''}
      </td>
      <td class="address">${e.address ?? ''}</td>
      <td>
        ${details.length
          ? html`<dl>
              ${details.map(([key, value]) => html`<dt>${key}</dt><dd>${typeof value === 'string' ? value : JSON.stringify(value)}</dd>`)}
            </dl>`
          : nothing}
      </td>
    </tr>`;
  }
}

customElements.define('baton-audit', BatonAudit);

declare global {
  interface HTMLElementTagNameMap {
    'baton-audit': BatonAudit;
  }
}
