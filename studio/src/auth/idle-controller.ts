import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { session, SessionStatus } from './session.ts';
import { SignOutReason } from './sign-out-reason.ts';
import { userActivity } from './user-activity.ts';

/** the warning shows this long before the end (or half the timeout, when that is shorter) */
const WARN_BEFORE_MS = 60_000;
const TICK_MS = 1_000;
/** the engine ends the session at the same moment (its socket check runs every 30 s): going a little earlier lets the person see why */
const AHEAD_OF_ENGINE_MS = 2_000;

/**
 * The idle timeout on the studio's side: counts from the last input (in any tab), exposes the seconds
 * left once the warning is due, and signs out at the end. The engine ends the session on its side too;
 * the studio does it first so the person sees why.
 */
export class IdleController implements ReactiveController {
  /** seconds until sign-out while the warning shows; null otherwise */
  secondsLeft: number | null = null;

  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }

  /** "Stay signed in": the click already counts as input; the warning goes at once */
  stay(): void {
    userActivity.record();
    this.#tick();
  }

  #tick(): void {
    const timeoutMs = session.idleTimeoutSeconds * 1000 - AHEAD_OF_ENGINE_MS;
    if (session.status !== SessionStatus.SIGNED_IN || timeoutMs <= 0) {
      this.#show(null);
      return;
    }
    const idleMs = Date.now() - userActivity.lastInputAt;
    if (idleMs >= timeoutMs) {
      this.#show(null);
      void session.signOut(SignOutReason.IDLE);
      return;
    }
    const warnMs = Math.min(WARN_BEFORE_MS, timeoutMs / 2);
    this.#show(idleMs >= timeoutMs - warnMs ? Math.ceil((timeoutMs - idleMs) / 1000) : null);
  }

  #show(secondsLeft: number | null): void {
    if (secondsLeft === this.secondsLeft) return;
    this.secondsLeft = secondsLeft;
    this.#host.requestUpdate();
  }
}
