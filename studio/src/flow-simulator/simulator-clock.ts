import { msg } from '@lit/localize';
import { dateTimeFormat } from '../i18n/format-locale.ts';

/**
 * The simulator's clock as the admin sets it: a wall-clock time (datetime-local) at a UTC offset, e.g.
 * Saturday 23:00 in Bangkok is 2026-01-10T23:00 at +07:00. Flows' calendars name their own time zone; the
 * offset only says which instant the admin means.
 */

/** The offsets offered, Bangkok first (the calendars that ship are Bangkok's); labels in the language of the moment. */
export const CLOCK_OFFSETS: readonly { offset: string; readonly label: string }[] = [
  {
    offset: '+07:00',
    get label() {
      return msg('Bangkok, Jakarta (+07:00)');
    },
  },
  {
    offset: '+08:00',
    get label() {
      return msg('Singapore, Taipei (+08:00)');
    },
  },
  {
    offset: '+09:00',
    get label() {
      return msg('Tokyo, Seoul (+09:00)');
    },
  },
  { offset: '+00:00', label: 'UTC (+00:00)' },
];

/** Monday 2026-01-05 10:00, as flow tests start without a clock: inside most office hours. */
export const DEFAULT_WALL_CLOCK = '2026-01-05T10:00';

/** "2026-01-10T23:00" at "+07:00" as the ISO date-time with offset the engine takes. */
export function isoAt(wallClock: string, offset: string): string {
  const withSeconds = /T\d\d:\d\d$/.test(wallClock) ? `${wallClock}:00` : wallClock;
  return `${withSeconds}${offset}`;
}

function offsetMs(offset: string): number {
  const match = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * An instant as the admin's wall clock shows it: "Sat 2026-01-10 23:00" ("ส. 2026-01-10 23:00"): the weekday in
 * the studio's language, the date as the clock field above it writes it.
 */
export function wallClockOf(at: number, offset: string): string {
  const shifted = new Date(at + offsetMs(offset));
  const weekday = dateTimeFormat({ weekday: 'short', timeZone: 'UTC' }).format(shifted);
  return `${weekday} ${shifted.toISOString().slice(0, 16).replace('T', ' ')}`;
}
