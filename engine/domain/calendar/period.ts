/** "09:00-12:00" as minutes from the start of its day; an end at or before the start runs past midnight. */
export interface OpenPeriod {
  start: number;
  /** may exceed 1440 when the period runs into the next day */
  end: number;
}

const PERIOD = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

export function parsePeriod(period: string): OpenPeriod {
  const match = PERIOD.exec(period.trim());
  if (!match) throw new Error(`not a period: "${period}" (expected HH:MM-HH:MM)`);
  const [, h1, m1, h2, m2] = match;
  const start = Number(h1) * 60 + Number(m1);
  const end = Number(h2) * 60 + Number(m2);
  return { start, end: end <= start ? end + 1440 : end };
}
