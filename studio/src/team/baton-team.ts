import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { channels } from '../channels/channels-client.ts';
import { describeError } from '../api/api-error.ts';
import '../security-settings/baton-security-settings.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import type { OperatorFormSubmitEvent } from '../shared/events.ts';
import { formatAgo, formatDateTime } from '../shared/format.ts';
import { presenceLabel, roleLabel } from '../i18n/role-names.ts';
import { dangerButtonStyles, teamStyles } from './baton-team.styles.ts';
import { OperatorAction } from './operator-actions.ts';
import { renderTeamDialog, type TeamDialog } from './team-dialog.ts';
import { pageStyles } from '../shared/page.styles.ts';

/**
 * Studio › Team: everyone's role, teams, skills, capacity, presence, last sign-in, MFA and status, and the
 * LINE channels of anyone limited to some.
 * Admins add operators (one-time password or invite link), edit them, reset a password or MFA,
 * deactivate and reactivate (each confirmed), and choose which roles must use MFA. Supervisors see
 * the list only.
 */
export class BatonTeam extends LitElement {
  static override styles = [controlStyles, tableStyles, pageStyles, teamStyles, dangerButtonStyles];
  static override properties = {
    operator: { attribute: false },
    dialog: { state: true },
    busy: { state: true },
    dialogError: { state: true },
    notice: { state: true },
  };

  /** who is looking */
  declare operator: OperatorDto;
  declare dialog: TeamDialog | null;
  declare busy: boolean;
  declare dialogError: string | null;
  declare notice: string | null;

  readonly #team = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => (await api.operators(signal)).operators,
  });

  /** the LINE channels, to name an operator's limit and (admins) to offer in the form when there are several */
  readonly #channels = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => (await channels.list(signal)).channels,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.dialog = null;
    this.busy = false;
    this.dialogError = null;
    this.notice = null;
  }

  get #isAdmin(): boolean {
    return this.operator.role === 'admin';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('dialog')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.dialog && dialog && !dialog.open) dialog.showModal();
    else if (!this.dialog && dialog?.open) dialog.close();
  }

  #open(dialog: TeamDialog): void {
    this.dialogError = null;
    this.notice = null;
    this.dialog = dialog;
  }

  async #run(work: () => Promise<TeamDialog | null>, notice: string | null = null): Promise<void> {
    this.busy = true;
    this.dialogError = null;
    try {
      this.dialog = await work();
      this.notice = notice;
      void this.#team.run();
    } catch (error) {
      this.dialogError = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  #onSubmit(event: OperatorFormSubmitEvent): Promise<void> {
    const request = event.request;
    if (request.mode === 'edit') {
      if (Object.keys(request.body).length === 0) {
        this.dialog = null;
        return Promise.resolve();
      }
      return this.#run(async () => {
        await api.updateOperator(request.operatorId, request.body);
        return null;
      }, msg(str`Saved the changes to ${request.body.name ?? this.#nameOf(request.operatorId)}.`));
    }
    const { body } = request;
    return this.#run(async () => {
      const { operator, invite } = await api.createOperator(body);
      if (invite) {
        return {
          kind: 'secret',
          title: msg(str`${operator.name} is invited`),
          text: msg(
            str`Send ${operator.name} this link. It works once, until ${formatDateTime(invite.expiresAt)}; with it they choose their password and are signed in.`,
          ),
          label: msg('Invite link'),
          secret: invite.url,
        };
      }
      return {
        kind: 'secret',
        title: msg(str`${operator.name} can sign in now`),
        text: msg(
          str`Give ${operator.name} their email (${operator.email}) and this one-time password. It is shown only once; they choose their own at their first sign-in.`,
        ),
        label: msg('One-time password'),
        secret: body.password ?? '',
      };
    });
  }

  #confirm(action: OperatorAction, o: OperatorDto): Promise<void> {
    switch (action) {
      case OperatorAction.RESET_PASSWORD:
        return this.#run(async () => {
          const { temporaryPassword } = await api.resetOperatorPassword(o.id);
          return {
            kind: 'secret',
            title: msg(str`${o.name}’s password was reset`),
            text: msg('They were signed out everywhere. Give them this one-time password; it is shown only once.'),
            label: msg('One-time password'),
            secret: temporaryPassword,
          };
        });
      case OperatorAction.RESET_MFA:
        return this.#run(async () => {
          await api.resetOperatorMfa(o.id);
          return null;
        }, msg(str`Two-step sign-in is off for ${o.name}.`));
      case OperatorAction.DEACTIVATE:
      case OperatorAction.REACTIVATE: {
        const active = action === OperatorAction.REACTIVATE;
        return this.#run(
          async () => {
            await api.updateOperator(o.id, { active });
            return null;
          },
          active ? msg(str`${o.name} can sign in again.`) : msg(str`${o.name} is deactivated and was signed out.`),
        );
      }
    }
  }

  #nameOf(id: string): string {
    return this.#team.value?.find((o) => o.id === id)?.name ?? msg('the operator');
  }

  override render() {
    return html`<div class="page">
        <header>
          <h1>${msg('Team')}</h1>
          ${this.#isAdmin
            ? html`<button class="primary" data-testid="add-operator" @click=${() => this.#open({ kind: 'create' })}>${msg('Add operator')}</button>`
            : html`<span class="muted" data-testid="team-read-only">${msg('Only admins change the team.')}</span>`}
        </header>
        ${this.#isAdmin
          ? html`<section class="settings" aria-labelledby="security-title">
              <h2 id="security-title">${msg('Two-step sign-in')}</h2>
              <baton-security-settings></baton-security-settings>
            </section>`
          : nothing}
        ${this.notice ? html`<div class="notice" role="status" data-testid="team-notice">${this.notice}</div>` : nothing}
        ${this.#renderTable()}
      </div>
      <dialog aria-labelledby="dialog-title" data-testid="team-dialog" @close=${() => (this.dialog = null)}>
        ${renderTeamDialog(this.dialog, {
          busy: this.busy,
          error: this.dialogError,
          channels: this.#channels.value ?? [],
          submit: (event) => this.#onSubmit(event),
          confirm: (action, operator) => this.#confirm(action, operator),
          close: () => (this.dialog = null),
        })}
      </dialog>`;
  }

  #renderTable() {
    const team = this.#team.value;
    if (this.#team.status === TaskStatus.ERROR) {
      return html`<div class="error" role="alert">${msg(str`Could not load the team: ${describeError(this.#team.error)}`)}</div>`;
    }
    if (!team) return html`<p class="muted">${msg('Loading the team…')}</p>`;
    return html`<div class="table-wrap">
      <table data-testid="team-table">
        <thead>
          <tr>
            <th scope="col">${msg('Name')}</th>
            <th scope="col">${msg('Role')}</th>
            <th scope="col">${msg('Teams')}</th>
            <th scope="col">${msg('Skills')}</th>
            <th scope="col">${msg('Capacity')}</th>
            <th scope="col">${msg('Presence')}</th>
            <th scope="col">${msg('Last sign-in')}</th>
            <th scope="col">${msg('Two-step')}</th>
            <th scope="col">${msg('Status')}</th>
            ${this.#isAdmin ? html`<th scope="col"><span class="muted">${msg('Actions')}</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${repeat(
            team,
            (o) => o.id,
            (o) => this.#renderRow(o),
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderRow(o: OperatorDto) {
    const status = !o.active ? msg('Deactivated') : o.invited ? msg('Invited') : msg('Active');
    const tags = (items: readonly string[]) =>
      items.length ? html`<span class="tags">${items.map((item) => html`<span class="badge">${item}</span>`)}</span>` : html`<span class="muted">—</span>`;
    return html`<tr
      class=${o.active ? '' : 'inactive'}
      data-testid="operator-row"
      data-email=${o.email}
      data-active=${o.active ? 'true' : 'false'}
      data-mfa=${o.mfaEnabled ? 'on' : 'off'}
    >
      <th scope="row">
        <div class="name">${o.name}${o.id === this.operator.id ? html` <span class="badge">${msg('you')}</span>` : nothing}</div>
        <div class="email">${o.email}</div>
        ${this.#renderChannels(o)}
      </th>
      <td data-testid="operator-role-cell">${roleLabel(o.role)}</td>
      <td>${tags(o.teams)}</td>
      <td>${tags(o.skills)}</td>
      <td>${o.capacity}</td>
      <td class="nowrap"><span class="presence ${o.presence}">${presenceLabel(o.presence)}</span></td>
      <td class="nowrap" data-testid="operator-last-sign-in">
        ${o.lastSignInAt === null
          ? html`<span class="muted">${msg('never')}</span>`
          : html`<span title=${formatDateTime(o.lastSignInAt)}>${formatAgo(o.lastSignInAt)}</span>`}
      </td>
      <td><span class="badge ${o.mfaEnabled ? 'active' : ''}">${o.mfaEnabled ? msg('On') : msg('Off')}</span></td>
      <td data-testid="operator-status"><span class="badge ${o.active ? (o.invited ? 'waiting' : 'active') : 'off'}">${status}</span></td>
      ${this.#isAdmin ? html`<td>${this.#renderActions(o)}</td>` : nothing}
    </tr>`;
  }

  /** an operator limited to some LINE channels: which (nothing for every channel, or while there is one) */
  #renderChannels(o: OperatorDto) {
    const known = this.#channels.value ?? [];
    if (o.channels === null || known.length < 2) return nothing;
    const names = o.channels.map((id) => known.find((c) => c.id === id)?.name ?? id);
    return html`<div class="email" data-testid="operator-channels">${msg(str`LINE: ${names.join(', ')}`)}</div>`;
  }

  #renderActions(o: OperatorDto) {
    const self = o.id === this.operator.id;
    const action = (name: OperatorAction, label: string) =>
      html`<button data-testid="operator-${name}" @click=${() => this.#open({ kind: 'confirm', action: name, operator: o })}>${label}</button>`;
    return html`<div class="actions" role="group" aria-label=${msg(str`Actions for ${o.name}`)}>
      <button data-testid="operator-edit" @click=${() => this.#open({ kind: 'edit', operator: o })}>${msg('Edit')}</button>
      ${self ? nothing : action(OperatorAction.RESET_PASSWORD, msg('Reset password'))}
      ${!self && o.mfaEnabled ? action(OperatorAction.RESET_MFA, msg('Reset two-step')) : nothing}
      ${self ? nothing : o.active ? action(OperatorAction.DEACTIVATE, msg('Deactivate')) : action(OperatorAction.REACTIVATE, msg('Reactivate'))}
    </div>`;
  }
}

customElements.define('baton-team', BatonTeam);

declare global {
  interface HTMLElementTagNameMap {
    'baton-team': BatonTeam;
  }
}
