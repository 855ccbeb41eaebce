import { performance } from 'node:perf_hooks';
import { LineApiError } from './line-api-error.ts';

/** An attempt given up on because LINE answered later calls first: its outcome is unknown, like a timeout's. */
export class LineAttemptAbandonedError extends LineApiError {
  constructor(operation: string) {
    super(`LINE ${operation} abandoned: LINE answered later calls first (outcome unknown)`, { status: null, retryable: true });
  }
}

interface OpenAttempt {
  sentAt: number;
  abandon: () => void;
}

/**
 * Push attempts LINE left unanswered while it answered calls sent after them. When LINE comes back
 * from hanging, what was sent while it hung may never be answered, and waiting each attempt's timeout
 * out (LINE_TIMEOUT_MS) would hold every message behind it. A push may be sent again with its retry
 * key (LINE answers 409 if it took the first), so an attempt sent `staleAfterMs` or more before a
 * call LINE has just answered is abandoned, and retried at once. A reply has no key: never abandoned.
 * While an attempt is stale and nothing else goes to LINE, `probe` asks LINE something cheap once per
 * `staleAfterMs`, so a quiet engine learns as soon as a busy one would that LINE is back.
 */
export class StaleAttempts {
  private readonly open = new Set<OpenAttempt>();
  private timer: NodeJS.Timeout | null = null;
  private probing = false;

  constructor(
    private readonly staleAfterMs: number,
    /** a cheap call to LINE; whoever makes it reports an answer with answered() */
    private readonly probe: () => Promise<void>,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  now(): number {
    return this.clock();
  }

  /** `work` as an attempt that is abandoned (rejects with LineAttemptAbandonedError) once LINE answers later calls. */
  async run<T>(work: Promise<T>, operation: string): Promise<T> {
    const attempt: OpenAttempt = { sentAt: this.clock(), abandon: () => {} };
    const gaveUp = new Promise<never>((_, reject) => {
      attempt.abandon = () => reject(new LineAttemptAbandonedError(operation));
    });
    this.open.add(attempt);
    this.watch();
    try {
      // Promise.race subscribes to both: a late rejection of either is never an unhandled one
      return await Promise.race([work, gaveUp]);
    } finally {
      this.open.delete(attempt);
    }
  }

  private watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.staleAfterMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    if (this.open.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      return;
    }
    const oldest = Math.min(...[...this.open].map((attempt) => attempt.sentAt));
    if (this.probing || this.clock() - oldest < this.staleAfterMs) return;
    this.probing = true;
    try {
      await this.probe();
    } finally {
      this.probing = false;
    }
  }

  /** LINE answered a call sent at `sentAt` (with anything, an error status too): it is there again. */
  answered(sentAt: number): void {
    for (const attempt of this.open) {
      if (sentAt - attempt.sentAt < this.staleAfterMs) continue;
      this.open.delete(attempt);
      attempt.abandon();
    }
  }
}
