/**
 * Where this month's count against LINE's quota is heading, from its pace so far. Pure: the figures and the
 * clock come in, the forecast goes out (docs/line-quota.md states the rule).
 *
 * The pace is the greater of two: this month's (used / days elapsed, at least one day, so the first hours
 * of a month are not extrapolated from a handful of messages) and the last seven days' (Baton's own pushes
 * in those days / 7, which sees a recent surge the month's average still dilutes). The greater one warns
 * early rather than late: running out mid-month stops every push to customers.
 */
import { DAY_MS, jstDate, type LineMonth } from './line-month.ts';

export interface ForecastInput {
  /** messages counted against the quota this month so far */
  used: number;
  /** the month's limit; null when the account has none */
  limit: number | null;
  month: LineMonth;
  now: number;
  /** Baton's pushes in the seven days up to now; null when unknown */
  lastSevenDays: number | null;
}

export interface QuotaForecast {
  /** messages per day the forecast assumes */
  perDay: number;
  /** the count expected when the month ends, at that pace (whole messages) */
  endOfMonth: number;
  /** the Japan-time date the limit is reached this month at that pace ('YYYY-MM-DD'); null: not this month, or no limit */
  runsOutOn: string | null;
}

const WEEK_DAYS = 7;

export function forecastQuota(input: ForecastInput): QuotaForecast {
  const now = Math.min(Math.max(input.now, input.month.start), input.month.end);
  const elapsedDays = Math.max(1, (now - input.month.start) / DAY_MS);
  const monthPace = input.used / elapsedDays;
  const weekPace = input.lastSevenDays === null ? 0 : input.lastSevenDays / WEEK_DAYS;
  const perDay = Math.max(monthPace, weekPace);
  const remainingDays = (input.month.end - now) / DAY_MS;
  const endOfMonth = Math.round(input.used + perDay * remainingDays);
  return { perDay: Math.round(perDay * 100) / 100, endOfMonth, runsOutOn: runsOutOn(input, now, perDay) };
}

function runsOutOn(input: ForecastInput, now: number, perDay: number): string | null {
  if (input.limit === null) return null;
  if (input.used >= input.limit) return jstDate(now);
  if (perDay <= 0) return null;
  const at = now + ((input.limit - input.used) / perDay) * DAY_MS;
  return at < input.month.end ? jstDate(at) : null;
}
