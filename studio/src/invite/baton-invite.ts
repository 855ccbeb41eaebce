import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { api } from '../api/api-client.ts';
import { ApiRequestError, describeError } from '../api/api-error.ts';
import { authClient } from '../auth/auth-client.ts';
import { session } from '../auth/session.ts';
import { cardStyles } from '../shared/card.styles.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { SignedInEvent } from '../shared/events.ts';
import { formatDateTime } from '../shared/format.ts';
import { passwordProblem } from '../shared/password-rules.ts';

/**
 * #/invite/<token>: someone an admin invited chooses a password (twice) and is signed in.
 *
 * @event signed-in - the session now holds a token and the new operator
 */
export class BatonInvite extends LitElement {
  static override styles = [
    controlStyles,
    cardStyles,
    css`
      :host {
        display: flex;
        align-items: flex-start;
        justify-content: center;
        padding: 10vh 16px 24px;
        overflow-y: auto;
      }
    `,
  ];
  static override properties = {
    token: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  declare token: string;
  declare busy: boolean;
  declare error: string | null;

  readonly #invite = new Task(this, {
    args: (): [string] => [this.token],
    task: ([token], { signal }) => api.invite(token, signal),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.token = '';
    this.busy = false;
    this.error = null;
  }

  async #submit(event: SubmitEvent, email: string): Promise<void> {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    const problem = passwordProblem(password, String(data.get('repeat') ?? ''), email);
    this.error = problem;
    if (problem) return;
    this.busy = true;
    try {
      session.signIn(await authClient.acceptInvite(this.token, password));
      this.dispatchEvent(new SignedInEvent());
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const invite = this.#invite.value;
    if (this.#invite.status === TaskStatus.ERROR) {
      const gone = this.#invite.error instanceof ApiRequestError && [404, 410].includes(this.#invite.error.status);
      return html`<div class="card" role="alert" data-testid="invite-invalid">
        <h1>${msg('This invite cannot be used')}</h1>
        <p>${gone ? msg('The link is wrong, was used already, or has expired. Ask your admin for a new one.') : describeError(this.#invite.error)}</p>
      </div>`;
    }
    if (!invite) return html`<p class="muted">${msg('Loading the invite…')}</p>`;
    return html`<form class="card" data-testid="invite-form" @submit=${(e: SubmitEvent) => this.#submit(e, invite.email)}>
      <div>
        <h1>${msg(str`Welcome to Baton, ${invite.name}`)}</h1>
        <span class="muted">${msg('Choose a password to finish setting up your account.')}</span>
      </div>
      <label>${msg('Email')} <input type="email" name="email" autocomplete="username" readonly .value=${invite.email} data-testid="invite-email" /></label>
      <label
        >${msg('New password')} <span class="hint">${msg('At least 8 characters.')}</span>
        <input name="password" type="password" autocomplete="new-password" minlength="8" maxlength="200" required data-testid="invite-password"
      /></label>
      <label
        >${msg('Repeat the password')}
        <input name="repeat" type="password" autocomplete="new-password" required data-testid="invite-password-repeat"
      /></label>
      <span class="hint">${msg(str`This link works once, until ${formatDateTime(invite.expiresAt)}.`)}</span>
      ${this.error ? html`<div class="error" role="alert" data-testid="invite-error">${this.error}</div>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy} data-testid="invite-submit">
        ${this.busy ? msg('Setting up…') : msg('Set password and sign in')}
      </button>
    </form>`;
  }
}

customElements.define('baton-invite', BatonInvite);

declare global {
  interface HTMLElementTagNameMap {
    'baton-invite': BatonInvite;
  }
}
