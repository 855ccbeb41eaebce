/**
 * When admins are warned about LINE's quota. Pure (docs/line-quota.md): `threshold` once the month's count
 * reaches warnPercent of the limit, `forecast` when the pace says the limit is reached before the month ends.
 * An account without a limit is never warned.
 */
export const QuotaWarningReason = { THRESHOLD: 'threshold', FORECAST: 'forecast' } as const;
export type QuotaWarningReason = (typeof QuotaWarningReason)[keyof typeof QuotaWarningReason];

export interface QuotaWarning {
  reasons: QuotaWarningReason[];
  /** used / limit, as a whole percentage (may pass 100) */
  percent: number;
}

export function quotaWarning(figures: { used: number; limit: number | null; runsOutOn: string | null }, warnPercent: number): QuotaWarning | null {
  if (figures.limit === null) return null;
  const percent = figures.limit === 0 ? 100 : Math.floor((figures.used / figures.limit) * 100);
  const reasons: QuotaWarningReason[] = [];
  if (percent >= warnPercent) reasons.push(QuotaWarningReason.THRESHOLD);
  if (figures.runsOutOn !== null) reasons.push(QuotaWarningReason.FORECAST);
  return reasons.length === 0 ? null : { reasons, percent };
}
