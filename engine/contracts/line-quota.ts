/**
 * GET /api/line/quota: LINE's monthly message quota, what this month has used of it, where it is heading, and
 * whether admins are warned. Shared by the engine and the studio; the rules are in docs/line-quota.md.
 * Times are epoch milliseconds; dates are civil dates in Japan time (LINE's month), 'YYYY-MM-DD'.
 */
export type QuotaWarningReasonDto = 'threshold' | 'forecast';

export interface LineQuotaDto {
  /** 'limited', 'none' (no limit), or null when LINE has not answered yet */
  type: 'limited' | 'none' | null;
  /** the month's limit; null without one (or unknown) */
  limit: number | null;
  /** messages counted against the quota this month: LINE's figure, or Baton's own count while LINE's is unknown */
  used: number;
  /** push requests Baton had accepted by LINE this month (LINE also counts what the Official Account Manager sends) */
  usedByBaton: number;
  /** limit - used, never below 0; null without a limit */
  remaining: number | null;
  /** LINE's quota month, 'YYYY-MM' (Japan time) */
  month: string;
  /** when the quota starts again: 00:00 Japan time on the 1st of next month */
  resetsAt: number;
  forecast: {
    /** messages per day the forecast assumes */
    perDay: number;
    /** the count expected at the month's end */
    endOfMonth: number;
    /** the date the limit is reached this month at that pace; null if not this month */
    runsOutOn: string | null;
  };
  /** what went out this month, in messages: free with a reply token, or by (counted) push */
  sent: { replies: number; pushes: number };
  /** when LINE last answered with these figures; null if it never has */
  checkedAt: number | null;
  /** LINE's figures are missing, old, or from before LINE's last failed answer */
  stale: boolean;
  /** set when admins are warned: the month's count passed warnPercent, or the forecast runs out this month */
  warning: { reasons: QuotaWarningReasonDto[]; percent: number; warnPercent: number } | null;
}
