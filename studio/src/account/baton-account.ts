import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import type { OperatorDto, SessionRestriction } from '../../../engine/contracts/rest.ts';
import { session } from '../auth/session.ts';
import '../i18n/baton-language-picker.ts';
import { roleTitle } from '../i18n/role-names.ts';
import '../mfa-settings/baton-mfa-settings.ts';
import '../password-form/baton-password-form.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { AccountReadyEvent, type OwnAccountChangeEvent } from '../shared/events.ts';
import { accountStyles } from './baton-account.styles.ts';
import { pageStyles } from '../shared/page.styles.ts';

/**
 * #/account, for everyone: change my password, turn two-step sign-in on or off, choose the studio's language.
 * A restricted session sees only the step it must take (a new password after a one-time one, MFA when
 * the team requires it); once done, the session is refreshed without the restriction and the studio
 * goes on.
 *
 * @event account-ready - the required step is done; the studio may go on
 */
export class BatonAccount extends LitElement {
  static override styles = [controlStyles, pageStyles, accountStyles];
  static override properties = {
    operator: { attribute: false },
    restriction: { attribute: false },
    error: { state: true },
  };

  declare operator: OperatorDto;
  declare restriction: SessionRestriction | null;
  declare error: string | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.restriction = null;
    this.error = null;
  }

  async #onChange(event: OwnAccountChangeEvent): Promise<void> {
    session.setOperator(event.operator);
    if (!this.restriction) return;
    // the token still carries the restriction: a new one does not (or names the next step)
    this.error = null;
    const refreshed = await session.refresh();
    if (!refreshed) {
      this.error = msg('Done, but the studio could not reach Baton to go on. Reload the page.');
      return;
    }
    if (!session.restriction) this.dispatchEvent(new AccountReadyEvent());
  }

  override render() {
    const o = this.operator;
    return html`<div class="page" @own-account-change=${this.#onChange}>
      <div>
        <h1>${msg('Your account')}</h1>
        <div class="who" data-testid="account-who">${o.name} · ${o.email} · ${roleTitle(o.role)}</div>
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${this.restriction === 'password_change'
        ? html`<p class="step" role="status" data-testid="account-step" data-step="password_change">
            ${msg('Choose your own password to continue: the one you signed in with works only once.')}
          </p>`
        : nothing}
      ${this.restriction === 'mfa_enrollment'
        ? html`<p class="step" role="status" data-testid="account-step" data-step="mfa_enrollment">
            ${msg('Your team requires two-step sign-in for your role. Turn it on to continue.')}
          </p>`
        : nothing}
      ${this.restriction !== 'mfa_enrollment'
        ? html`<section aria-labelledby="password-title">
            <h2 id="password-title">${msg('Password')}</h2>
            <baton-password-form .operator=${o}></baton-password-form>
          </section>`
        : nothing}
      ${this.restriction !== 'password_change'
        ? html`<section aria-labelledby="mfa-title">
            <h2 id="mfa-title">${msg('Two-step sign-in')}</h2>
            <p class="muted">
              ${msg('A code from an app on your phone, asked at every sign-in, keeps your account safe if your password leaks.')}
            </p>
            <baton-mfa-settings .operator=${o}></baton-mfa-settings>
          </section>`
        : nothing}
      <section aria-labelledby="language-title">
        <h2 id="language-title">${msg('Language')}</h2>
        <p class="muted">${msg("The studio's menus, messages, dates and numbers. Remembered in this browser.")}</p>
        <baton-language-picker></baton-language-picker>
      </section>
    </div>`;
  }
}

customElements.define('baton-account', BatonAccount);

declare global {
  interface HTMLElementTagNameMap {
    'baton-account': BatonAccount;
  }
}
