import { LitElement, css, html, nothing } from 'lit';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { session } from '../auth/session.ts';
import { controlStyles } from '../shared/controls.styles.ts';

/**
 * Email + password sign-in.
 *
 * @event signed-in - the session now holds a token and the operator
 */
export class BatonLogin extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        align-items: flex-start;
        justify-content: center;
        padding-top: 12vh;
      }
      form {
        width: 340px;
        display: flex;
        flex-direction: column;
        gap: 14px;
        background: var(--baton-surface);
        border: 1px solid var(--baton-border);
        border-radius: 12px;
        padding: 28px;
        box-shadow: 0 8px 24px rgb(0 0 0 / 6%);
      }
      h1 {
        margin: 0 0 4px;
        font-size: 20px;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-weight: 500;
      }
      button {
        padding: 9px;
      }
    `,
  ];
  static override properties = { busy: { state: true }, error: { state: true } };

  declare busy: boolean;
  declare error: string | null;

  constructor() {
    super();
    this.busy = false;
    this.error = null;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.busy = true;
    this.error = null;
    try {
      session.signIn(await api.login({ email, password }));
      this.dispatchEvent(new Event('signed-in', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.#submit} data-testid="login-form">
      <div>
        <h1>Sign in to Baton</h1>
        <span class="muted">Operators and admins</span>
      </div>
      <label>Email <input name="email" type="email" autocomplete="username" required data-testid="login-email" /></label>
      <label
        >Password
        <input name="password" type="password" autocomplete="current-password" required data-testid="login-password"
      /></label>
      ${this.error ? html`<div class="error" role="alert" data-testid="login-error">${this.error}</div>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy} data-testid="login-submit">
        ${this.busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>`;
  }
}

customElements.define('baton-login', BatonLogin);

declare global {
  interface HTMLElementTagNameMap {
    'baton-login': BatonLogin;
  }
}
