import type { LineApiError } from './line-api-error.ts';
import { LineAttemptAbandonedError } from './stale-attempts.ts';
import { LineCallAbortedError } from './with-timeout.ts';

export interface RetryPolicy {
  maxAttempts: number;
  /** first delay; doubles with every attempt */
  backoffMs: number;
  /** ceiling for one wait, Retry-After included, so a worker is never parked for long */
  maxDelayMs?: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: LineApiError }) => void;
}

const DEFAULT_MAX_DELAY_MS = 30_000;
/**
 * Attempts abandoned because LINE answered later calls (StaleAttempts) are retried at once and not
 * counted, this many times per call; after that the attempts run to their timeout, so a LINE that
 * answers other calls but never this one (a partial outage) costs the same attempts and time as before.
 */
const MAX_ABANDONED = 3;

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of attempts, or
 * `signal` aborts (then it throws LineCallAbortedError at once, between attempts too).
 * Only callers whose request is idempotent (push with X-Line-Retry-Key) may use this.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  /** `abandonable`: whether this attempt may still be abandoned for free (see MAX_ABANDONED) */
  attempt: (attemptNumber: number, abandonable: boolean) => Promise<T>,
  toError: (error: unknown) => LineApiError,
  signal?: AbortSignal,
): Promise<T> {
  let abandoned = 0;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber, abandoned < MAX_ABANDONED);
    } catch (caught) {
      const error = toError(caught);
      if (error instanceof LineAttemptAbandonedError) {
        abandoned++;
        attemptNumber--;
        continue;
      }
      if (error instanceof LineCallAbortedError || !error.retryable || attemptNumber >= policy.maxAttempts) throw error;
      const delayMs = retryDelay(policy, attemptNumber, error.retryAfterMs);
      policy.onRetry?.({ attempt: attemptNumber, delayMs, error });
      if (!(await sleep(delayMs, signal))) throw new LineCallAbortedError('retry');
    }
  }
}

/**
 * Exponential backoff with jitter (half fixed, half random) so that several engine instances
 * hit by the same outage do not retry in lockstep. A Retry-After from LINE is a floor.
 */
export function retryDelay(policy: RetryPolicy, attemptNumber: number, retryAfterMs: number | null): number {
  const base = policy.backoffMs * 2 ** (attemptNumber - 1);
  const jittered = base / 2 + Math.random() * (base / 2);
  const delay = Math.max(jittered, retryAfterMs ?? 0);
  return Math.round(Math.min(delay, policy.maxDelayMs ?? DEFAULT_MAX_DELAY_MS));
}

/** true after ms, false as soon as the signal aborts (a shutdown does not wait out a backoff) */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      resolve(slept);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
