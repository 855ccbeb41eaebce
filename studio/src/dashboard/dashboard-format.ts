/** How the dashboard writes its numbers; the charts' tooltips and their tables use the same functions. */

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

export const NO_VALUE = '—';

export const formatCount = (value: number | null): string => (value === null ? NO_VALUE : count.format(value));

/** a 0..1 share as "42%" */
export const formatRate = (value: number | null): string => (value === null ? NO_VALUE : percent.format(value));

/** a CSAT average on the 1–5 scale */
export const formatScore = (value: number | null): string => (value === null ? NO_VALUE : oneDecimal.format(value));

/** minutes as the duration charts plot them */
export const formatMinutes = (value: number | null): string => (value === null ? NO_VALUE : `${oneDecimal.format(value)} min`);

/** whole seconds as "45 s", "3 min 05 s", "2 h 10 min" */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_VALUE;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** seconds as minutes with one decimal, for the duration charts (their axis reads better in minutes) */
export const toMinutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** a 0..1 share as a percentage with one decimal, for the charts' right-hand axis */
export const toPercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

export const formatPercent = (value: number | null): string => (value === null ? NO_VALUE : `${oneDecimal.format(value)}%`);
