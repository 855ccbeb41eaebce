import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import type { CreateOperatorRequest, OperatorDto, Role, UpdateOperatorRequest } from '../../../engine/contracts/rest.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { DismissEvent, OperatorFormSubmitEvent } from '../shared/events.ts';
import { formatList, parseList } from '../shared/list-input.ts';
import { ChannelScope, channelsFromForm, renderChannelScope, sameChannels } from './channel-scope.ts';
import { generatePassword } from './generate-password.ts';
import { operatorFormStyles } from './baton-operator-form.styles.ts';

export const SignInMethod = { ONE_TIME_PASSWORD: 'password', INVITE: 'invite' } as const;
export type SignInMethod = (typeof SignInMethod)[keyof typeof SignInMethod];

/** the contracts are imported type-only: the roles, most powerful first, with what each may do */
const ROLES: readonly Role[] = ['admin', 'supervisor', 'operator'];
const roleChoice = (role: Role): string =>
  ({
    admin: msg('Admin — everything, including the team and publishing flows'),
    supervisor: msg('Supervisor — every conversation, flows (no publishing), audit'),
    operator: msg('Operator — the queue and their own conversations'),
  })[role];

const DEFAULT_CAPACITY = 3;

/**
 * Add an operator, or edit one (name, role, teams, skills, capacity, and the LINE channels they work when
 * there are several). A new operator signs in with a
 * one-time password made here (crypto.getRandomValues; they must choose their own at first sign-in) or
 * with an invite link the engine makes.
 *
 * @event operator-form-submit - the request to send
 * @event dismiss - Cancel
 */
export class BatonOperatorForm extends LitElement {
  static override styles = [controlStyles, operatorFormStyles];
  static override properties = {
    operator: { attribute: false },
    busy: { attribute: false },
    error: { attribute: false },
    channels: { attribute: false },
    scope: { state: true },
    scopeError: { state: true },
  };

  /** the operator to edit; null to add one */
  declare operator: OperatorDto | null;
  declare busy: boolean;
  declare error: string | null;
  /** every LINE channel: a choice among them only when there are several */
  declare channels: readonly ChannelView[];
  declare scope: ChannelScope;
  /** a chosen list with nothing ticked */
  declare scopeError: string | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.operator = null;
    this.busy = false;
    this.error = null;
    this.channels = [];
    this.scope = ChannelScope.ALL;
    this.scopeError = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('operator')) this.scope = this.operator?.channels ? ChannelScope.CHOSEN : ChannelScope.ALL;
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const role = ROLES.find((r) => r === text('role')) ?? 'operator';
    const fields = {
      name: text('name'),
      role,
      teams: parseList(text('teams')),
      skills: parseList(text('skills')),
      capacity: Number(text('capacity')),
    };
    // without the choice on screen (one channel) the operator's channels stay as they are
    const choosing = this.channels.length > 1;
    const channels = choosing ? channelsFromForm(data) : null;
    this.scopeError = channels?.length === 0 ? msg('Tick at least one LINE account, or choose All.') : null;
    if (this.scopeError) return;
    const operator = this.operator;
    if (operator) {
      const body: UpdateOperatorRequest = {};
      if (fields.name !== operator.name) body.name = fields.name;
      if (fields.role !== operator.role) body.role = fields.role;
      if (formatList(fields.teams) !== formatList(operator.teams)) body.teams = fields.teams;
      if (formatList(fields.skills) !== formatList(operator.skills)) body.skills = fields.skills;
      if (fields.capacity !== operator.capacity) body.capacity = fields.capacity;
      if (choosing && !sameChannels(channels, operator.channels)) body.channels = channels;
      this.dispatchEvent(new OperatorFormSubmitEvent({ mode: 'edit', operatorId: operator.id, body }));
      return;
    }
    const body: CreateOperatorRequest = { email: text('email'), ...fields };
    if (channels) body.channels = channels;
    if (text('method') === SignInMethod.ONE_TIME_PASSWORD) {
      body.password = generatePassword();
      body.mustChangePassword = true;
    }
    this.dispatchEvent(new OperatorFormSubmitEvent({ mode: 'create', body }));
  }

  override render() {
    const o = this.operator;
    return html`<form @submit=${this.#submit} @change=${() => (this.scopeError = null)} data-testid="operator-form">
      ${o
        ? html`<div class="wide"><span class="hint">${msg('Email')}</span><div>${o.email}</div></div>`
        : html`<label class="wide">${msg('Email')} <input name="email" type="email" autocomplete="off" required data-testid="field-email" /></label>`}
      <label class="wide">${msg('Name')} <input name="name" required maxlength="100" .value=${o?.name ?? ''} data-testid="field-name" /></label>
      <label class="wide"
        >${msg('Role')}
        <select name="role" data-testid="field-role">
          ${ROLES.map((role) => html`<option value=${role} ?selected=${(o?.role ?? 'operator') === role}>${roleChoice(role)}</option>`)}
        </select>
      </label>
      <label
        >${msg('Teams')} <span class="hint">${msg('Comma-separated, e.g. billing, vip')}</span>
        <input name="teams" .value=${formatList(o?.teams ?? [])} data-testid="field-teams"
      /></label>
      <label
        >${msg('Skills')} <span class="hint">${msg('Comma-separated, e.g. thai, english')}</span>
        <input name="skills" .value=${formatList(o?.skills ?? [])} data-testid="field-skills"
      /></label>
      <label
        >${msg('Capacity')} <span class="hint">${msg('Most chats assigned at once')}</span>
        <input name="capacity" type="number" min="0" max="100" step="1" required .value=${String(o?.capacity ?? DEFAULT_CAPACITY)} data-testid="field-capacity"
      /></label>
      ${renderChannelScope(this.channels, this.scope, o?.channels ?? null, (scope) => (this.scope = scope))}
      ${this.scopeError ? html`<div class="error wide" role="alert" data-testid="channel-scope-error">${this.scopeError}</div>` : nothing}
      ${o ? nothing : this.#renderMethod()}
      ${this.error ? html`<div class="error wide" role="alert" data-testid="operator-form-error">${this.error}</div>` : nothing}
      <div class="buttons wide">
        <button type="button" @click=${() => this.dispatchEvent(new DismissEvent())}>${msg('Cancel')}</button>
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="operator-save">
          ${this.busy ? msg('Saving…') : o ? msg('Save changes') : msg('Add operator')}
        </button>
      </div>
    </form>`;
  }

  #renderMethod() {
    return html`<fieldset class="wide">
      <legend>${msg('How they sign in the first time')}</legend>
      <label
        ><input type="radio" name="method" value=${SignInMethod.ONE_TIME_PASSWORD} checked data-testid="method-password" />
        <span>${msg('One-time password')} <span class="hint">${msg('— shown to you once; they choose their own at first sign-in')}</span></span></label
      >
      <label
        ><input type="radio" name="method" value=${SignInMethod.INVITE} data-testid="method-invite" />
        <span>${msg('Invite link')} <span class="hint">${msg('— you send them the link; they set their password')}</span></span></label
      >
    </fieldset>`;
  }
}

customElements.define('baton-operator-form', BatonOperatorForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-operator-form': BatonOperatorForm;
  }
}
