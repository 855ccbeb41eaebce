import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import { sandbox } from '../api/sandbox-client.ts';
import { IdleController } from '../auth/idle-controller.ts';
import { session, SessionStatus } from '../auth/session.ts';
import '../connection-banner/baton-connection-banner.ts';
import '../idle-warning/baton-idle-warning.ts';
import '../quota-warning/baton-quota-warning.ts';
import '../inbox/baton-inbox.ts';
import '../login/baton-login.ts';
import { roleLabel } from '../i18n/role-names.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { unreadTotal } from '../signals/unread-total.ts';
import { appStyles } from './baton-app.styles.ts';
import { loadPage } from './page-loader.ts';
import { pageTitle } from './page-title.ts';
import { Route, hrefFor, isPublic, mayOpen, parsePlace, type Place } from './routes.ts';

/** what a signed-in person sees on a page their role may not open (asked at each render: msg() answers in the language of the moment) */
function forbidden(route: Route): string {
  const texts: Partial<Record<Route, string>> = {
    flows: msg('Flows are edited by supervisors and admins.'),
    dashboard: msg('The dashboard is for supervisors and admins.'),
    jobs: msg('Scheduled jobs are for supervisors and admins.'),
    team: msg('The team is managed by admins; supervisors may look at it.'),
    audit: msg('The audit log is for supervisors and admins.'),
    channels: msg('LINE channels are managed by admins.'),
  };
  return texts[route] ?? msg('This page is not for your role.');
}

const INBOX: Place = { route: Route.INBOX, param: null };

/**
 * The studio shell: top bar, hash routing and who may open what (routes.ts). Restores the session on
 * load, takes a restricted session to its one step (#/account), returns to the page asked for after
 * signing in, and shows the idle warning.
 */
export class BatonApp extends LitElement {
  static override styles = [controlStyles, appStyles];
  static override properties = { place: { state: true }, signingOut: { state: true }, menuOpen: { state: true } };

  declare place: Place;
  declare signingOut: boolean;
  /** on a phone the page links fold into a menu under the top bar's button */
  declare menuOpen: boolean;

  /** the page someone was sent away from to sign in (or to take their account's step) */
  #afterSignIn: Place | null = null;
  readonly #idle = new IdleController(this);

  readonly #sandboxTask = new Task(this, {
    task: ([operatorId], { signal }) => (operatorId ? sandbox.available(signal) : Promise.resolve(false)),
    // asked again when someone else signs in; not on every token refresh
    args: (): [string | null] => [session.operator?.id ?? null],
  });

  readonly #onHashChange = () => {
    this.menuOpen = false;
    this.place = parsePlace(location.hash) ?? INBOX;
  };
  readonly #onSessionChange = () => this.requestUpdate();
  readonly #onUnreadChange = () => (document.title = pageTitle(this.place.route, unreadTotal.value));

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.place = parsePlace(location.hash) ?? INBOX;
    this.signingOut = false;
    this.menuOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    session.addEventListener('change', this.#onSessionChange);
    unreadTotal.addEventListener('change', this.#onUnreadChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    session.removeEventListener('change', this.#onSessionChange);
    unreadTotal.removeEventListener('change', this.#onUnreadChange);
    super.disconnectedCallback();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (session.status === SessionStatus.RESTORING) return;
    const { route } = this.place;
    const operator = session.operator;
    if (!operator) {
      if (!isPublic(route)) {
        this.#afterSignIn = this.place;
        this.#redirect({ route: Route.LOGIN, param: null });
      }
      return;
    }
    if (route === Route.LOGIN) this.#redirect(this.#takeAfterSignIn(operator));
    else if (session.restriction && this.place.route !== Route.ACCOUNT && route !== Route.INVITE) {
      this.#afterSignIn ??= this.place;
      this.#redirect({ route: Route.ACCOUNT, param: null });
    }
  }

  protected override updated(): void {
    this.#onUnreadChange();
  }

  #takeAfterSignIn(operator: OperatorDto): Place {
    const place = this.#afterSignIn;
    this.#afterSignIn = null;
    return place && !isPublic(place.route) && mayOpen(place.route, operator.role) ? place : INBOX;
  }

  #redirect(place: Place): void {
    history.replaceState(null, '', hrefFor(place.route, place.param, place.query));
    this.place = place;
  }

  #goOn(): void {
    const operator = session.operator;
    if (operator) this.#redirect(this.#takeAfterSignIn(operator));
  }

  async #signOut(): Promise<void> {
    this.signingOut = true;
    try {
      await session.signOut();
    } finally {
      this.signingOut = false;
    }
  }

  override render() {
    return html`${this.#renderHeader()}
      <baton-connection-banner></baton-connection-banner>
      ${session.operator && !session.restriction && mayOpen(Route.DASHBOARD, session.operator.role) ? html`<baton-quota-warning></baton-quota-warning>` : nothing}
      <main>${this.#renderPage()}</main>
      <baton-idle-warning .secondsLeft=${this.#idle.secondsLeft} @stay=${() => this.#idle.stay()}></baton-idle-warning>`;
  }

  #renderHeader() {
    const operator = session.operator;
    const sandboxEnabled = this.#sandboxTask.value === true;
    const link = (route: Route, label: string) =>
      operator && mayOpen(route, operator.role)
        ? html`<a href=${hrefFor(route)} data-testid="nav-${route}" aria-current=${this.place.route === route ? 'page' : 'false'}>${label}</a>`
        : nothing;
    // a restricted session has one place to go: no links to pages that would refuse it
    const nav = operator && !session.restriction;
    return html`<header>
      ${nav
        ? html`<button
            class="menu"
            data-testid="nav-menu"
            aria-controls="studio-nav"
            aria-expanded=${this.menuOpen ? 'true' : 'false'}
            @click=${() => (this.menuOpen = !this.menuOpen)}
          >
            <span aria-hidden="true">☰</span> ${msg('Menu', { desc: 'the button that shows the page links on a phone' })}
          </button>`
        : nothing}
      <div class="brand">Baton<span>.</span></div>
      <nav id="studio-nav" aria-label="Studio" class=${this.menuOpen ? 'open' : ''} @click=${() => (this.menuOpen = false)}>
        ${nav
          ? html`${link(Route.INBOX, msg('Inbox'))} ${link(Route.DASHBOARD, msg('Dashboard'))} ${link(Route.FLOWS, msg('Flows'))}
            ${link(Route.TEAM, msg('Team'))}
            ${link(Route.AUDIT, msg('Audit'))} ${link(Route.JOBS, msg('Jobs'))}
            ${link(Route.RELAY, msg('Relay'))} ${link(Route.CHANNELS, msg('Channels'))}
            ${sandboxEnabled ? link(Route.SIMULATOR, msg('Simulator')) : nothing}`
          : nothing}
      </nav>
      <div class="who">
        ${operator
          ? html`<a
                href=${hrefFor(Route.ACCOUNT)}
                data-testid="nav-account"
                title=${msg('Your account')}
                aria-current=${this.place.route === Route.ACCOUNT ? 'page' : 'false'}
                ><span data-testid="operator-name">${operator.name} · ${roleLabel(operator.role)}</span></a
              >
              <button data-testid="sign-out" ?disabled=${this.signingOut} @click=${this.#signOut}>${msg('Sign out')}</button>`
          : this.place.route !== Route.LOGIN && session.status === SessionStatus.SIGNED_OUT
            ? html`<a href=${hrefFor(Route.LOGIN)}>${msg('Sign in')}</a>`
            : nothing}
      </div>
    </header>`;
  }

  #renderPage() {
    const { route, param } = this.place;
    loadPage(route);
    if (route === Route.INVITE) return html`<baton-invite .token=${param ?? ''} @signed-in=${this.#goOn}></baton-invite>`;
    if (session.status === SessionStatus.RESTORING) return html`<p class="notice muted" data-testid="restoring">${msg('Loading…')}</p>`;
    if (route === Route.LOGIN) return html`<baton-login @signed-in=${this.#goOn}></baton-login>`;
    const operator = session.operator;
    // signed out: willUpdate is taking us to the login page
    if (!operator) return nothing;
    if (!mayOpen(route, operator.role)) {
      return html`<p class="notice muted" data-testid="${route}-forbidden">${forbidden(route)}</p>`;
    }
    switch (route) {
      case Route.INBOX:
        return html`<baton-inbox .operator=${operator}></baton-inbox>`;
      case Route.FLOWS:
        return html`<baton-flows-page .operator=${operator}></baton-flows-page>`;
      case Route.DASHBOARD:
        return html`<baton-dashboard></baton-dashboard>`;
      case Route.JOBS:
        return html`<baton-jobs .operator=${operator}></baton-jobs>`;
      case Route.RELAY:
        return html`<baton-relay></baton-relay>`;
      case Route.CHANNELS:
        return html`<baton-channels></baton-channels>`;
      case Route.TEAM:
        return html`<baton-team .operator=${operator}></baton-team>`;
      case Route.AUDIT:
        return html`<baton-audit></baton-audit>`;
      case Route.ACCOUNT:
        return html`<baton-account .operator=${operator} .restriction=${session.restriction} @account-ready=${this.#goOn}></baton-account>`;
      case Route.SIMULATOR:
        return this.#sandboxTask.render({
          pending: () => html`<p class="notice muted">${msg('Loading…')}</p>`,
          complete: (enabled) =>
            enabled
              ? html`<baton-simulator></baton-simulator>`
              : html`<p class="notice muted">
                  ${msg(
                    'The customer simulator is only available when the engine runs with the sandbox LINE platform (no LINE credentials configured).',
                  )}
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
