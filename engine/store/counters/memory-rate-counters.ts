import type { RateCount, RateCounters } from './rate-counters.ts';

/** Above this many keys, expired windows are swept on the next hit (an attacker cannot grow it forever). */
const SWEEP_ABOVE = 10_000;

/** One engine's counters, in its memory: the single-instance default. */
export class MemoryRateCounters implements RateCounters {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<RateCount> {
    const at = this.now();
    if (this.windows.size > SWEEP_ABOVE) this.sweep(at);
    const open = this.current(key, at);
    const window = open ?? { count: 0, endsAt: at + windowMs };
    window.count += 1;
    this.windows.set(key, window);
    return { count: window.count, resetInMs: window.endsAt - at };
  }

  async peek(key: string): Promise<RateCount> {
    const at = this.now();
    const open = this.current(key, at);
    return open ? { count: open.count, resetInMs: open.endsAt - at } : { count: 0, resetInMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private current(key: string, at: number) {
    const window = this.windows.get(key);
    if (window && window.endsAt > at) return window;
    if (window) this.windows.delete(key);
    return undefined;
  }

  private sweep(at: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= at) this.windows.delete(key);
  }
}
