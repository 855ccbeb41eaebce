import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { cardStyles } from '../shared/card.styles.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { OwnAccountChangeEvent } from '../shared/events.ts';
import { passwordProblem } from '../shared/password-rules.ts';

/**
 * Change my own password (`POST /api/me/password`): the current one, the new one twice. The engine
 * ends my other sessions.
 *
 * @event own-account-change - the password changed (`change: 'password'`)
 */
export class BatonPasswordForm extends LitElement {
  static override styles = [
    controlStyles,
    cardStyles,
    css`
      :host {
        display: block;
      }
      form {
        max-width: 360px;
      }
      button[type='submit'] {
        align-self: flex-start;
      }
    `,
  ];
  static override properties = {
    operator: { attribute: false },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };

  declare operator: OperatorDto;
  declare busy: boolean;
  declare error: string | null;
  declare done: boolean;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.busy = false;
    this.error = null;
    this.done = false;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const data = new FormData(form);
    const currentPassword = String(data.get('current') ?? '');
    const newPassword = String(data.get('password') ?? '');
    this.done = false;
    this.error = passwordProblem(newPassword, String(data.get('repeat') ?? ''), this.operator.email);
    if (!this.error && newPassword === currentPassword) this.error = msg('The new password must differ from the current one.');
    if (this.error) return;
    this.busy = true;
    try {
      const { operator } = await api.changePassword({ currentPassword, newPassword });
      form.reset();
      this.done = true;
      this.dispatchEvent(new OwnAccountChangeEvent(operator, 'password'));
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.#submit} data-testid="password-form">
      <!-- lets password managers file the new password under the right account -->
      <input type="email" name="username" autocomplete="username" .value=${this.operator.email} hidden />
      <label
        >${msg('Current password')}
        <input name="current" type="password" autocomplete="current-password" required data-testid="password-current"
      /></label>
      <label
        >${msg('New password')} <span class="hint">${msg('At least 8 characters, not your email address.')}</span>
        <input name="password" type="password" autocomplete="new-password" minlength="8" maxlength="200" required data-testid="password-new"
      /></label>
      <label
        >${msg('Repeat the new password')}
        <input name="repeat" type="password" autocomplete="new-password" required data-testid="password-repeat"
      /></label>
      ${this.error ? html`<div class="error" role="alert" data-testid="password-error">${this.error}</div>` : nothing}
      ${this.done
        ? html`<div class="ok" role="status" data-testid="password-done">${msg('Password changed. Your other sessions were signed out.')}</div>`
        : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy} data-testid="password-submit">
        ${this.busy ? msg('Changing…') : msg('Change password')}
      </button>
    </form>`;
  }
}

customElements.define('baton-password-form', BatonPasswordForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-password-form': BatonPasswordForm;
  }
}
