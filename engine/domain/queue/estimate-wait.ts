/**
 * The wait a queued customer is told: everyone ahead of them, and they themselves, take the recent
 * mean handling time, shared among the operators online.
 *
 * @example
 * estimateWaitMinutes(3, [4, 6, 5], 2, 5) // 3 customers x 5 min / 2 operators -> 8
 */
export function estimateWaitMinutes(
  position: number,
  recentHandlingMinutes: readonly number[],
  onlineOperators: number,
  defaultHandlingMinutes: number,
): number {
  const usable = recentHandlingMinutes.filter((m) => Number.isFinite(m) && m >= 0);
  const mean = usable.length > 0 ? usable.reduce((sum, m) => sum + m, 0) / usable.length : defaultHandlingMinutes;
  // with nobody online the wait is unknown; estimating as if one operator comes back beats saying "0"
  const operators = Math.max(1, onlineOperators);
  // never promise "0 minutes": a customer at the head of the queue still waits for a free hand
  return Math.max(1, Math.ceil((Math.max(1, position) * mean) / operators));
}
