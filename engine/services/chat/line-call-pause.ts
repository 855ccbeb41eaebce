/**
 * When a courtesy call to LINE (the loading animation, read receipts) must wait: after a 429 for as long as LINE
 * asked (Retry-After) or a minute, after a 5xx or no answer for a few seconds. Nothing depends on these calls, so
 * while paused they are skipped rather than queued: sending them late would be wrong (the operator stopped
 * typing) or can wait for the next chance (a read token stays kept until it is used).
 */
import { LineApiError } from '../../line/line-api-error.ts';

/** LINE said "slow down" without saying for how long. */
const RATE_LIMITED_MS = 60_000;
/** LINE failed or did not answer: give it a moment rather than add to its load. */
const UNAVAILABLE_MS = 10_000;

export class LineCallPause {
  private until = 0;

  constructor(private readonly now: () => number) {}

  get paused(): boolean {
    return this.now() < this.until;
  }

  /** Pauses after a failure that says LINE is busy or down; a mistake of ours (another 4xx) pauses nothing. */
  after(error: unknown): void {
    if (!(error instanceof LineApiError)) return;
    const ms = error.status === 429 ? (error.retryAfterMs ?? RATE_LIMITED_MS) : error.retryable ? UNAVAILABLE_MS : 0;
    this.until = Math.max(this.until, this.now() + ms);
  }
}
