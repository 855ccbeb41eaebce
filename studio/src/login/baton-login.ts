import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import type { LoginRequest } from '../../../engine/contracts/rest.ts';
import { ApiRequestError, describeError } from '../api/api-error.ts';
import { authClient } from '../auth/auth-client.ts';
import '../i18n/baton-language-picker.ts';
import { session } from '../auth/session.ts';
import { cardStyles } from '../shared/card.styles.ts';
import { formatWait } from '../shared/format.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { SignedInEvent } from '../shared/events.ts';

/** password first; the code step only when the engine says MFA is on for this account */
const Step = { PASSWORD: 'password', CODE: 'code' } as const;
type Step = (typeof Step)[keyof typeof Step];

/**
 * Sign-in: email + password, then (when MFA is on) the authenticator's 6-digit code or one of the
 * recovery codes. Says why the last session ended, when it did not end by choice.
 *
 * @event signed-in - the session now holds a token and the operator
 */
export class BatonLogin extends LitElement {
  static override styles = [
    controlStyles,
    cardStyles,
    css`
      :host {
        display: flex;
        align-items: flex-start;
        justify-content: center;
        padding: 12vh 16px 24px;
        overflow-y: auto;
      }
      button[type='submit'] {
        padding: 9px;
      }
      baton-language-picker {
        align-self: flex-end;
      }
    `,
  ];
  static override properties = {
    step: { state: true },
    useRecoveryCode: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  declare step: Step;
  declare useRecoveryCode: boolean;
  declare busy: boolean;
  declare error: string | null;

  /** kept from the password step for the code step */
  #email = '';
  #password = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.step = Step.PASSWORD;
    this.useRecoveryCode = false;
    this.busy = false;
    this.error = null;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const data = new FormData(event.currentTarget);
    const request: LoginRequest = { email: this.#email, password: this.#password };
    if (this.step === Step.PASSWORD) {
      this.#email = request.email = String(data.get('email') ?? '').trim();
      this.#password = request.password = String(data.get('password') ?? '');
    } else if (this.useRecoveryCode) {
      request.recoveryCode = String(data.get('recoveryCode') ?? '').trim();
    } else {
      request.otp = String(data.get('otp') ?? '').replace(/\s/g, '');
    }
    this.busy = true;
    this.error = null;
    try {
      session.signIn(await authClient.login(request));
      this.#password = '';
      this.dispatchEvent(new SignedInEvent());
    } catch (error) {
      await this.#failed(error);
    } finally {
      this.busy = false;
    }
  }

  async #failed(error: unknown): Promise<void> {
    if (error instanceof ApiRequestError && error.code === 'otp_required') {
      this.step = Step.CODE;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="otp"]')?.focus();
      return;
    }
    if (error instanceof ApiRequestError && (error.status === 429 || error.status === 503) && error.retryAfterSeconds !== null) {
      this.error = msg(str`${error.message} Try again ${formatWait(error.retryAfterSeconds)}.`, {
        desc: "the engine's reason, then when to try again ('in 40 s')",
      });
      return;
    }
    this.error = describeError(error);
  }

  #back(): void {
    this.step = Step.PASSWORD;
    this.useRecoveryCode = false;
    this.error = null;
  }

  override render() {
    const notice = session.notice;
    return html`<form class="card" @submit=${this.#submit} data-testid="login-form" data-step=${this.step}>
      <div>
        <h1>${msg('Sign in to Baton')}</h1>
        <span class="muted">${msg('Operators and admins')}</span>
      </div>
      ${notice && this.step === Step.PASSWORD ? html`<div class="notice" role="status" data-testid="login-notice">${notice}</div>` : nothing}
      ${this.step === Step.PASSWORD ? this.#renderPassword() : this.#renderCode()}
      ${this.error ? html`<div class="error" role="alert" data-testid="login-error">${this.error}</div>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy} data-testid="login-submit">
        ${this.busy ? msg('Signing in…') : this.step === Step.PASSWORD ? msg('Sign in') : msg('Verify')}
      </button>
      ${this.step === Step.CODE ? html`<button type="button" class="link" @click=${this.#back}>${msg('Back')}</button>` : nothing}
      <baton-language-picker></baton-language-picker>
    </form>`;
  }

  #renderPassword() {
    return html`<label
        >${msg('Email')} <input name="email" type="email" autocomplete="username" required data-testid="login-email" .value=${this.#email}
      /></label>
      <label
        >${msg('Password')}
        <input name="password" type="password" autocomplete="current-password" required data-testid="login-password"
      /></label>`;
  }

  #renderCode() {
    if (this.useRecoveryCode) {
      return html`<p class="muted">${msg('Enter one of the recovery codes you saved when you turned on two-step sign-in. Each works once.')}</p>
        <label
          >${msg('Recovery code')}
          <input name="recoveryCode" class="code" autocomplete="off" spellcheck="false" required data-testid="login-recovery-code"
        /></label>
        <button type="button" class="link" data-testid="login-use-otp" @click=${() => (this.useRecoveryCode = false)}>
          ${msg('Use the code from my app instead')}
        </button>`;
    }
    return html`<p class="muted">
        ${msg(str`Two-step sign-in is on for ${this.#email}. Enter the 6-digit code from your authenticator app.`)}
      </p>
      <label
        >${msg('Code')}
        <input
          name="otp"
          class="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxlength="7"
          required
          data-testid="login-otp"
      /></label>
      <button type="button" class="link" data-testid="login-use-recovery" @click=${() => (this.useRecoveryCode = true)}>
        ${msg('Use a recovery code instead')}
      </button>`;
  }
}

customElements.define('baton-login', BatonLogin);

declare global {
  interface HTMLElementTagNameMap {
    'baton-login': BatonLogin;
  }
}
