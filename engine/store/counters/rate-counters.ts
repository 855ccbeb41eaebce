/** Counters that expire: a window starts at the first hit of a key and ends `windowMs` later. */
export interface RateCounters {
  /** adds one to the key's count in its current window */
  hit(key: string, windowMs: number): Promise<RateCount>;
  /** the key's count without adding to it (0 when no window is open) */
  peek(key: string): Promise<RateCount>;
  reset(key: string): Promise<void>;
}

export interface RateCount {
  count: number;
  /** until the window ends (0 when none is open) */
  resetInMs: number;
}
