/**
 * The string formats the flow schemas use (`"format": "cel-condition"` and so on). Each check says
 * what is wrong in words a flow author can act on; ajv only learns whether the value passed, and the
 * validator asks the same check again for the message and, for CEL and Liquid, the offset.
 */
import { CelError, compileCel } from '../expression/cel.ts';
import { checkTemplate } from '../expression/template.ts';
import { didYouMean } from './did-you-mean.ts';

export interface FormatIssue {
  /** stable problem code */
  code: string;
  message: string;
  /** character in the string where the problem is, when known */
  offset?: number;
}

export type FormatCheck = (value: string) => FormatIssue | null;

function cel(expectBool: boolean): FormatCheck {
  return (value) => {
    try {
      compileCel(value, expectBool);
      return null;
    } catch (error) {
      if (error instanceof CelError) return { code: error.code, message: error.message, offset: error.offset };
      return { code: 'cel-syntax', message: `CEL: ${String(error)}` };
    }
  };
}

function liquidOffset(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('token' in error)) return undefined;
  const token: unknown = error.token;
  if (typeof token === 'object' && token !== null && 'begin' in token && typeof token.begin === 'number') return token.begin;
  return undefined;
}

const template: FormatCheck = (value) => {
  try {
    checkTemplate(value);
    return null;
  } catch (error) {
    // liquidjs appends its own ", line:1, col:4"; the validator reports the position in the file instead
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/, line:\d+, col:\d+$/, '');
    const offset = liquidOffset(error);
    return { code: 'template-syntax', message: `Liquid template does not parse: ${reason ?? 'invalid'}`, ...(offset === undefined ? {} : { offset }) };
  }
};

/** Compiles with `flags`; the reason in V8's words without the echo of the pattern. */
export function regexIssue(pattern: string, flags: string): FormatIssue | null {
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '').replace(/^Invalid flags supplied to RegExp constructor '(.*)'$/, 'invalid flags "$1"');
    return { code: 'regex-syntax', message: `regular expression does not compile${flags ? ` with flags "${flags}"` : ''}: ${reason}` };
  }
}

const PERIOD = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/;

const period: FormatCheck = (value) => {
  const match = PERIOD.exec(value);
  const bad = (why: string): FormatIssue => ({ code: 'bad-period', message: `"${value}" is not a period: ${why}` });
  if (!match) return bad('write HH:MM-HH:MM in 24-hour time, e.g. 09:00-17:30');
  const [h1, m1, h2, m2] = match.slice(1).map(Number);
  if (h1 === undefined || m1 === undefined || h2 === undefined || m2 === undefined) return bad('write HH:MM-HH:MM');
  if (h1 > 23 || m1 > 59) return bad(`${value.slice(0, 5)} is not a time of day`);
  if (h2 > 24 || m2 > 59 || (h2 === 24 && m2 > 0)) return bad(`${value.slice(6)} is not a time of day (24:00 is the latest end)`);
  if (h1 * 60 + m1 === h2 * 60 + m2) return bad('it starts and ends at the same time; write 00:00-24:00 for all day');
  return null;
};

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const date: FormatCheck = (value) => {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
  if (!match) return { code: 'bad-date', message: `"${value}" is not a date: write YYYY-MM-DD, e.g. 2026-04-13` };
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return { code: 'bad-date', message: `"${value}" is not a date: there is no such day` };
  return null;
};

const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const dateTime: FormatCheck = (value) => {
  const match = DATE_TIME.exec(value);
  if (match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  return { code: 'bad-date-time', message: `"${value}" is not an ISO date-time with offset, e.g. 2026-01-05T23:30:00+07:00` };
};

const duration: FormatCheck = (value) =>
  /^[1-9]\d*(s|m|h|d)$/.test(value) ? null : { code: 'bad-duration', message: `"${value}" is not a duration: a whole number and s, m, h or d, e.g. 10m` };

let zones: string[] | null = null;

const timezone: FormatCheck = (value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return null;
  } catch {
    zones ??= Intl.supportedValuesOf('timeZone');
    return { code: 'bad-timezone', message: `"${value}" is not an IANA time zone${didYouMean(value, zones)}` };
  }
};

export const flowFormats: Readonly<Record<string, FormatCheck>> = {
  cel: cel(false),
  'cel-condition': cel(true),
  template,
  regex: (value) => regexIssue(value, 'u'),
  period,
  date,
  'date-time': dateTime,
  duration,
  timezone,
};
