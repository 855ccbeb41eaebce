import type { OperatorDto, SessionRestriction } from '../../../engine/contracts/rest.ts';
import { ApiRequestError } from '../api/api-error.ts';
import { connection } from '../api/connection-status.ts';
import { OutageKind, outageOf, type Outage } from '../api/outage.ts';
import { reportReach } from '../api/reach-engine.ts';
import { authClient, type SignedIn } from './auth-client.ts';
import { withRefreshLock } from './refresh-lock.ts';
import { SignOutReason, signOutNotice } from './sign-out-reason.ts';
import { userActivity } from './user-activity.ts';

export const SessionStatus = { RESTORING: 'restoring', SIGNED_IN: 'signed-in', SIGNED_OUT: 'signed-out' } as const;
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];

/** where earlier studios kept the access token; a token at rest in localStorage is what XSS steals */
const LEGACY_TOKEN_KEY = 'baton.accessToken';
const REFRESH_BEFORE_EXPIRY_MS = 60_000;
const RETRY_REFRESH_MS = 10_000;

interface Current {
  token: string;
  /** when the token expires, by this browser's clock */
  expiresAt: number;
  operator: OperatorDto;
  restriction: SessionRestriction | null;
  idleTimeoutSeconds: number;
}

type TabMessage = { type: 'signed-out' } | { type: 'signed-in' };

/**
 * Who is signed in. The access token lives in memory only; a reload restores the session from the
 * refresh cookie (`POST /api/auth/refresh`). The token is refreshed a minute before it expires, and
 * sooner when the person is active and the engine has not heard so for half the idle timeout (the
 * engine ends sessions idle that long). Refreshes are serialised across tabs (Web Locks), as each one
 * rotates the cookie. Signing out in one tab signs out the others.
 *
 * @event change - the status, the token, the operator or the restriction changed
 */
export class Session extends EventTarget {
  #status: SessionStatus = SessionStatus.RESTORING;
  #current: Current | null = null;
  #notice: string | null = null;
  #restored: Promise<void> = Promise.resolve();
  #refreshing: Promise<boolean> | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #activityTimer: ReturnType<typeof setTimeout> | undefined;
  /** when the engine was last told the person is active (a refresh with `active`, or the sign-in) */
  #activeSentAt = 0;
  #signingOut = false;
  readonly #channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel('baton-session') : null;

  constructor() {
    super();
    forgetLegacyToken();
    userActivity.addEventListener('input', () => this.#onInput());
    this.#channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => this.#onTabMessage(event.data));
    document.addEventListener('visibilitychange', () => {
      // timers of hidden tabs are throttled: a tab coming back may hold a token about to expire
      const current = this.#current;
      if (document.visibilityState === 'visible' && current && current.expiresAt - Date.now() < REFRESH_BEFORE_EXPIRY_MS) void this.refresh();
    });
  }

  get status(): SessionStatus {
    return this.#status;
  }

  get token(): string | null {
    return this.#current?.token ?? null;
  }

  get operator(): OperatorDto | null {
    return this.#current?.operator ?? null;
  }

  /** the one step this session must take before anything else (change the password, enrol in MFA) */
  get restriction(): SessionRestriction | null {
    return this.#current?.restriction ?? null;
  }

  get idleTimeoutSeconds(): number {
    return this.#current?.idleTimeoutSeconds ?? 0;
  }

  /** why the last session ended, for the login page */
  get notice(): string | null {
    return this.#notice;
  }

  /** resolves once the page load's restore has finished, signed in or not */
  ready(): Promise<void> {
    return this.#restored;
  }

  /**
   * On page load: the refresh cookie signs us back in, or we are signed out (no message). An engine
   * that cannot be reached or is busy has not signed anyone out: the studio keeps restoring, the
   * connection banner says why, and the restore is tried again on the connection's rounds until the
   * engine answers.
   */
  restore(): Promise<void> {
    this.#setStatus(SessionStatus.RESTORING);
    this.#restored = (async () => {
      for (;;) {
        try {
          // reloading the page is the person using the studio
          const signedIn = await reportReach(() => withRefreshLock(() => authClient.refresh({ active: true })));
          this.#activeSentAt = Date.now();
          this.#accept(signedIn);
          return;
        } catch (error) {
          const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
          // an engine that accepts connections and never answers is as good as unreachable
          const outage: Outage | null = timedOut ? { kind: OutageKind.UNREACHABLE, retryAfterSeconds: null } : outageOf(error);
          if (!outage) {
            this.#clear(null);
            return;
          }
          // reportReach has told the connection of the outages it knows; a timeout is news to it
          if (timedOut) connection.failed(outage);
          await connection.nextRound();
        }
      }
    })();
    return this.#restored;
  }

  /** After the login form or an accepted invite. */
  signIn(signedIn: SignedIn): void {
    userActivity.record();
    this.#activeSentAt = Date.now();
    this.#notice = null;
    this.#accept(signedIn, true);
    this.#channel?.postMessage({ type: 'signed-in' } satisfies TabMessage);
  }

  /**
   * A new access token (one at a time per tab, one at a time across tabs). True when it worked; a
   * refused refresh ends the session, a network failure keeps it and tries again shortly.
   */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  /** A request was refused with `rejectedToken`: refresh, unless another call already did. */
  async refreshAfterRejection(rejectedToken: string | null): Promise<boolean> {
    if (!this.#current) return false;
    if (this.#current.token !== rejectedToken) return true;
    return this.refresh();
  }

  /** The engine answered 403 naming a step this session must take first. */
  restrict(restriction: SessionRestriction): void {
    if (!this.#current || this.#current.restriction === restriction) return;
    this.#current = { ...this.#current, restriction };
    this.#changed();
  }

  /** The operator changed their own profile (password, MFA). */
  setOperator(operator: OperatorDto): void {
    if (!this.#current) return;
    this.#current = { ...this.#current, operator };
    this.#changed();
  }

  /**
   * Ends the session on the engine (its tokens are refused at once), then here and in the other tabs.
   * The engine is told first, so a reload right after cannot restore the session from the cookie.
   */
  async signOut(reason: SignOutReason = SignOutReason.USER): Promise<void> {
    const current = this.#current;
    if (!current || this.#signingOut) return;
    this.#signingOut = true;
    try {
      // under the lock: a refresh in another tab must not rotate the cookie while we end it
      await withRefreshLock(() => authClient.logout(current.token)).catch(() => undefined);
    } finally {
      this.#signingOut = false;
    }
    this.#clear(signOutNotice(reason, current.idleTimeoutSeconds));
    this.#channel?.postMessage({ type: 'signed-out' } satisfies TabMessage);
  }

  /** The engine already ended the session (socket `session:ended`, refused refresh): forget it here. */
  end(reason: SignOutReason): void {
    // our own sign-out makes the engine end our sockets too: that is not news
    if (!this.#current || this.#signingOut) return;
    this.#clear(signOutNotice(reason, this.#current.idleTimeoutSeconds));
  }

  async #refresh(): Promise<boolean> {
    if (!this.#current) return false;
    const sentAt = Date.now();
    const active = userActivity.lastInputAt > this.#activeSentAt;
    try {
      const signedIn = await withRefreshLock(() => authClient.refresh({ active }));
      // signed out while waiting for the lock
      if (!this.#current) return false;
      if (active) this.#activeSentAt = sentAt;
      this.#accept(signedIn);
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        this.end(SignOutReason.EXPIRED);
        return false;
      }
      // the engine is restarting or unreachable: keep the session and try again
      this.#schedule(RETRY_REFRESH_MS);
      return false;
    }
  }

  /** `chosen`: this tab signed in (the page goes on as that person); else a refresh, which must be the same person */
  #accept({ response, serverAheadMs }: SignedIn, chosen = false): void {
    const previous = this.#current;
    if (!chosen && previous && previous.operator.id !== response.operator.id) {
      // another tab signed in as someone else (the cookie is shared): start over as them, nothing of the other kept
      location.reload();
      return;
    }
    this.#current = {
      token: response.accessToken,
      expiresAt: response.expiresAt - serverAheadMs,
      operator: response.operator,
      restriction: response.restriction,
      idleTimeoutSeconds: response.idleTimeoutSeconds,
    };
    this.#notice = null;
    const left = this.#current.expiresAt - Date.now();
    this.#schedule(left > 2 * REFRESH_BEFORE_EXPIRY_MS ? left - REFRESH_BEFORE_EXPIRY_MS : left / 2);
    this.#status = SessionStatus.SIGNED_IN;
    this.#changed();
  }

  /**
   * The engine ends a session idle for its timeout, and hears of activity only through refreshes:
   * when there was input, make sure it hears within half the timeout (with the default 15-minute
   * token and 30-minute timeout, the regular refresh already does).
   */
  #onInput(): void {
    const current = this.#current;
    if (!current || this.#activityTimer !== undefined) return;
    const due = this.#activeSentAt + (current.idleTimeoutSeconds * 1000) / 2 - Date.now();
    this.#activityTimer = setTimeout(
      () => {
        this.#activityTimer = undefined;
        if (this.#current && userActivity.lastInputAt > this.#activeSentAt) void this.refresh();
      },
      Math.max(0, due),
    );
  }

  #onTabMessage(message: TabMessage): void {
    if (message.type === 'signed-out') this.end(SignOutReason.OTHER_TAB);
    else if (message.type === 'signed-in' && this.#status === SessionStatus.SIGNED_OUT) void this.restore();
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), Math.max(1_000, delayMs));
  }

  #clear(notice: string | null): void {
    clearTimeout(this.#refreshTimer);
    clearTimeout(this.#activityTimer);
    this.#activityTimer = undefined;
    this.#current = null;
    this.#notice = notice;
    this.#status = SessionStatus.SIGNED_OUT;
    this.#changed();
  }

  #setStatus(status: SessionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

function forgetLegacyToken(): void {
  try {
    localStorage.removeItem(LEGACY_TOKEN_KEY);
  } catch {
    // storage disabled: nothing was kept there either
  }
}

export const session = new Session();
