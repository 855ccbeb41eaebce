import type { AnalyticsLive } from '../../../engine/contracts/analytics.ts';

/**
 * The newer of two snapshots of the live cards: the first GET and the socket's events can arrive in
 * either order, and an older answer must not overwrite a newer one.
 */
export function newerLive(current: AnalyticsLive | null, incoming: AnalyticsLive): AnalyticsLive {
  return current && current.at > incoming.at ? current : incoming;
}

/** how long the longest waiter has waited by `now`: the snapshot's figure plus the time since it was taken */
export function longestWaitNow(live: AnalyticsLive, now: number): number | null {
  if (live.longestWaitSeconds === null) return null;
  return live.longestWaitSeconds + Math.max(0, Math.floor((now - live.at) / 1000));
}
