import type { Outage, OutageKind } from './outage.ts';
import { retryDelayMs } from './retry-delay.ts';

export const ConnectionState = { ONLINE: 'online', UNREACHABLE: 'unreachable', BUSY: 'busy' } as const satisfies Record<string, 'online' | OutageKind>;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/**
 * Whether the studio's REST calls get through to the engine, as the last of them found. While they do
 * not, reads wait for the next round (`nextRound`) and all try again together, on one back-off schedule
 * for the whole tab rather than one per call; a round with no read waiting runs the probe instead, so
 * the studio notices the engine is back even when only a write had failed.
 *
 * @event change - the state or the time of the next round changed
 */
export class ConnectionStatus extends EventTarget {
  state: ConnectionState = ConnectionState.ONLINE;
  /** when the next round starts (epoch ms); null while online */
  retryAt: number | null = null;

  #round = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #waiting = new Set<() => void>();
  #probe: (() => Promise<unknown>) | null = null;

  /** What to call when a round comes and no read is waiting for it: one request that reports back. */
  probeWith(probe: () => Promise<unknown>): void {
    this.#probe = probe;
  }

  /** A call got an answer from the engine. */
  reached(): void {
    if (this.state === ConnectionState.ONLINE) return;
    clearTimeout(this.#timer);
    this.state = ConnectionState.ONLINE;
    this.retryAt = null;
    this.#round = 0;
    this.#wake();
    this.#changed();
  }

  /**
   * A call did not get through. The first failure of a round schedules the next one, further off each
   * time; failures of calls that set out in the same round only move it later for a longer Retry-After.
   */
  failed(outage: Outage): void {
    const now = Date.now();
    this.state = outage.kind;
    if (this.retryAt === null || now >= this.retryAt) {
      this.#round += 1;
      this.#schedule(now + retryDelayMs(this.#round, outage.retryAfterSeconds));
    } else if (outage.retryAfterSeconds !== null && now + outage.retryAfterSeconds * 1_000 > this.retryAt) {
      this.#schedule(now + outage.retryAfterSeconds * 1_000);
    }
    this.#changed();
  }

  /** Resolves when the next round starts (or the engine is reached); rejects when `signal` aborts. */
  nextRound(signal?: AbortSignal): Promise<void> {
    if (this.state === ConnectionState.ONLINE) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#waiting.delete(go);
        reject(signal?.reason);
      };
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.add(go);
    });
  }

  /** Start the next round now (the banner's "Retry now"). */
  retryNow(): void {
    if (this.state === ConnectionState.ONLINE) return;
    this.#schedule(Date.now());
    this.#changed();
  }

  #schedule(at: number): void {
    clearTimeout(this.#timer);
    this.retryAt = at;
    this.#timer = setTimeout(() => this.#startRound(), Math.max(0, at - Date.now()));
  }

  #startRound(): void {
    if (this.#waiting.size > 0) this.#wake();
    else void this.#probe?.();
  }

  #wake(): void {
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const go of waiting) go();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** the tab's one view of the engine */
export const connection = new ConnectionStatus();
