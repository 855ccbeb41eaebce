/**
 * How the dashboard writes its numbers, in the studio's language (i18n/format-locale.ts); the charts'
 * tooltips and their tables use the same functions.
 */
import { msg, str } from '@lit/localize';
import { numberFormat } from '../i18n/format-locale.ts';

const COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const ONE_DECIMAL: Intl.NumberFormatOptions = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
const PERCENT: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 0 };
const PERCENT_ONE_DECIMAL: Intl.NumberFormatOptions = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 };

export const NO_VALUE = '—';

const whole = (value: number): string => numberFormat(COUNT).format(value);
const twoDigits = (value: number): string => numberFormat({ minimumIntegerDigits: 2 }).format(value);

export const formatCount = (value: number | null): string => (value === null ? NO_VALUE : whole(value));

/** a 0..1 share as "42%" */
export const formatRate = (value: number | null): string => (value === null ? NO_VALUE : numberFormat(PERCENT).format(value));

/** a CSAT average on the 1–5 scale */
export const formatScore = (value: number | null): string => (value === null ? NO_VALUE : numberFormat(ONE_DECIMAL).format(value));

/** minutes as the duration charts plot them */
export const formatMinutes = (value: number | null): string =>
  value === null ? NO_VALUE : msg(str`${numberFormat(ONE_DECIMAL).format(value)} min`, { desc: 'minutes, with one decimal' });

/** whole seconds as "45 s", "3 min 05 s", "2 h 10 min" */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_VALUE;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return msg(str`${whole(s)} s`, { desc: 'a duration in seconds' });
  if (s < 3600) return msg(str`${whole(Math.floor(s / 60))} min ${twoDigits(s % 60)} s`, { desc: 'a duration in minutes and seconds' });
  return msg(str`${whole(Math.floor(s / 3600))} h ${twoDigits(Math.floor((s % 3600) / 60))} min`, { desc: 'a duration in hours and minutes' });
}

/** seconds as minutes with one decimal, for the duration charts (their axis reads better in minutes) */
export const toMinutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** a 0..1 share as a percentage with one decimal, for the charts' right-hand axis */
export const toPercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

/** a percentage (0..100, as toPercent gives) with one decimal */
export const formatPercent = (value: number | null): string => (value === null ? NO_VALUE : numberFormat(PERCENT_ONE_DECIMAL).format(value / 100));
