/**
 * LINE's quota month. LINE says the quota and its consumption are "for the current month" without naming a
 * time zone; its other message counts (sent pushes, replies per day) are dated in UTC+9, and LINE is run from
 * Japan. Baton therefore takes the quota month as a calendar month in Japan time (UTC+9, which has no daylight
 * saving): it starts at 00:00 JST on the 1st, i.e. 15:00 UTC on the last day of the month before.
 */
const JST_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

export interface LineMonth {
  /** 'YYYY-MM' in Japan time */
  label: string;
  /** the first instant of the month (epoch ms) */
  start: number;
  /** the first instant of the next month: when the quota resets */
  end: number;
}

/** The quota month that contains `at` (epoch ms). */
export function lineMonthOf(at: number): LineMonth {
  const local = new Date(at + JST_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    label: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: Date.UTC(year, month, 1) - JST_OFFSET_MS,
    end: Date.UTC(year, month + 1, 1) - JST_OFFSET_MS,
  };
}

/** The civil date in Japan time of `at`, 'YYYY-MM-DD'. */
export function jstDate(at: number): string {
  return new Date(at + JST_OFFSET_MS).toISOString().slice(0, 10);
}
