import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { Role } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';

/** the roles the setting offers: the ones that can change what others do */
const OFFERED: readonly Role[] = ['admin', 'supervisor'];

const offerLabel = (role: Role): string =>
  role === 'admin' ? msg('Require two-step sign-in for admins') : msg('Require two-step sign-in for supervisors');

/**
 * The admin's security setting (`/api/settings/security`): which roles must use MFA. Someone in such a
 * role without MFA can only enrol at their next sign-in.
 */
export class BatonSecuritySettings extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 20px;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      .saved {
        color: var(--baton-ok);
        font-size: 12.5px;
      }
    `,
  ];
  static override properties = { busy: { state: true }, message: { state: true }, error: { state: true } };

  declare busy: boolean;
  declare message: string | null;
  declare error: string | null;

  readonly #settings = new Task(this, {
    args: (): [] => [],
    task: (_args, { signal }) => api.securitySettings(signal),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.busy = false;
    this.message = null;
    this.error = null;
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const data = new FormData(event.currentTarget);
    const requireMfaFor = OFFERED.filter((role) => data.has(role));
    this.busy = true;
    this.message = null;
    this.error = null;
    try {
      await api.saveSecuritySettings({ requireMfaFor });
      this.message = msg('Saved. It applies from each person’s next sign-in.');
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const settings = this.#settings.value;
    if (this.#settings.status === TaskStatus.ERROR) {
      return html`<div class="error" role="alert">${msg(str`Could not load the security setting: ${describeError(this.#settings.error)}`)}</div>`;
    }
    if (!settings) return html`<span class="muted">${msg('Loading the security setting…')}</span>`;
    return html`<form @submit=${this.#save} data-testid="security-settings">
      ${OFFERED.map(
        (role) =>
          html`<label
            ><input type="checkbox" name=${role} ?checked=${settings.requireMfaFor.includes(role)} data-testid="require-mfa-${role}" />${offerLabel(role)}</label
          >`,
      )}
      <button type="submit" ?disabled=${this.busy} data-testid="security-save">${this.busy ? msg('Saving…') : msg('Save')}</button>
      ${this.message ? html`<span class="saved" role="status">${this.message}</span>` : nothing}
      ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
    </form>`;
  }
}

customElements.define('baton-security-settings', BatonSecuritySettings);

declare global {
  interface HTMLElementTagNameMap {
    'baton-security-settings': BatonSecuritySettings;
  }
}
