import { Task } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { api } from '../api/api-client.ts';
import { sandbox } from '../api/sandbox-client.ts';
import { session } from '../auth/session.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import '../flows-page/baton-flows-page.ts';
import '../inbox/baton-inbox.ts';
import '../login/baton-login.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import '../simulator/baton-simulator.ts';
import { appStyles } from './baton-app.styles.ts';
import { Route, SIGNED_IN_ROUTES, hrefFor, parseRoute } from './routes.ts';

const canEditFlows = (operator: OperatorDto | null) => operator?.role === 'admin' || operator?.role === 'supervisor';

/**
 * The studio shell: top bar, hash routing (#/login, #/inbox, #/flows, #/simulator) and the signed-in
 * operator. The Flows link shows to supervisors and admins; the Simulator link only when the engine
 * serves the sandbox LINE platform.
 */
export class BatonApp extends LitElement {
  static override styles = [controlStyles, appStyles];
  static override properties = { route: { state: true } };

  declare route: Route;

  readonly #sandboxTask = new Task(this, {
    task: ([], { signal }) => sandbox.available(signal),
    args: () => [],
  });

  /** re-reads the operator for a token that survived a reload; a 401 signs out (api client) */
  readonly #meTask = new Task(this, {
    task: async ([token], { signal }) => {
      if (!token || session.operator) return session.operator;
      const { operator } = await api.me(signal);
      session.setOperator(operator);
      return operator;
    },
    args: (): [string | null] => [session.token],
  });

  readonly #onHashChange = () => {
    this.route = parseRoute(location.hash) ?? this.#defaultRoute();
  };
  readonly #onSessionChange = () => this.requestUpdate();

  constructor() {
    super();
    this.route = parseRoute(location.hash) ?? this.#defaultRoute();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    session.addEventListener('change', this.#onSessionChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    session.removeEventListener('change', this.#onSessionChange);
    super.disconnectedCallback();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // guard routes: the inbox and flows need a token, the login page is pointless with one
    if (SIGNED_IN_ROUTES.includes(this.route) && !session.token) this.#redirect(Route.LOGIN);
    else if (this.route === Route.LOGIN && session.token && session.operator) this.#redirect(Route.INBOX);
  }

  #defaultRoute(): Route {
    return session.token ? Route.INBOX : Route.LOGIN;
  }

  #redirect(route: Route): void {
    history.replaceState(null, '', hrefFor(route));
    this.route = route;
  }

  #signOut(): void {
    session.signOut();
    this.#redirect(Route.LOGIN);
  }

  override render() {
    return html`${this.#renderHeader()}
      <main>${this.#renderPage()}</main>`;
  }

  #renderHeader() {
    const operator = session.operator;
    const sandboxEnabled = this.#sandboxTask.value === true;
    const link = (route: Route, label: string) =>
      html`<a href=${hrefFor(route)} data-testid="nav-${route}" aria-current=${this.route === route ? 'page' : 'false'}
        >${label}</a
      >`;
    return html`<header>
      <div class="brand">Baton<span>.</span></div>
      <nav>
        ${session.token ? link(Route.INBOX, 'Inbox') : nothing} ${canEditFlows(operator) ? link(Route.FLOWS, 'Flows') : nothing}
        ${sandboxEnabled ? link(Route.SIMULATOR, 'Simulator') : nothing}
      </nav>
      <div class="who">
        ${operator
          ? html`<span data-testid="operator-name">${operator.name} · ${operator.role}</span>
              <button data-testid="sign-out" @click=${() => this.#signOut()}>Sign out</button>`
          : this.route !== Route.LOGIN
            ? html`<a href=${hrefFor(Route.LOGIN)}>Sign in</a>`
            : nothing}
      </div>
    </header>`;
  }

  #renderPage() {
    switch (this.route) {
      case Route.LOGIN:
        return html`<baton-login @signed-in=${() => this.#redirect(Route.INBOX)}></baton-login>`;
      case Route.INBOX:
        return this.#meTask.render({
          pending: () => html`<p class="notice muted">Loading…</p>`,
          error: () => html`<p class="notice error">Could not load your profile. Try signing in again.</p>`,
          complete: (operator) =>
            operator ? html`<baton-inbox .operator=${operator}></baton-inbox>` : html`<p class="notice muted">Loading…</p>`,
        });
      case Route.FLOWS:
        return this.#meTask.render({
          pending: () => html`<p class="notice muted">Loading…</p>`,
          error: () => html`<p class="notice error">Could not load your profile. Try signing in again.</p>`,
          complete: (operator) =>
            !operator
              ? html`<p class="notice muted">Loading…</p>`
              : canEditFlows(operator)
                ? html`<baton-flows-page .operator=${operator}></baton-flows-page>`
                : html`<p class="notice muted" data-testid="flows-forbidden">Flows are edited by supervisors and admins.</p>`,
        });
      case Route.SIMULATOR:
        return this.#sandboxTask.render({
          pending: () => html`<p class="notice muted">Loading…</p>`,
          complete: (enabled) =>
            enabled
              ? html`<baton-simulator></baton-simulator>`
              : html`<p class="notice muted">
                  The customer simulator is only available when the engine runs with the sandbox LINE platform (no LINE
                  credentials configured).
                </p>`,
        });
    }
  }
}

customElements.define('baton-app', BatonApp);

declare global {
  interface HTMLElementTagNameMap {
    'baton-app': BatonApp;
  }
}
