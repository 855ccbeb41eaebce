/** `hours` as conditions and templates see it: open now, a holiday, and the next opening as display text. */
import type { BusinessHoursDocument } from '../flow/flow-document.ts';
import { formatNextOpen } from './format-next-open.ts';
import { hoursAt } from './hours-at.ts';

export interface HoursScope {
  open: boolean;
  holiday: boolean;
  /** e.g. "Monday 09:00" in the customer's language; "" when the calendar never opens again */
  nextOpen: string;
}

export function hoursScope(calendar: BusinessHoursDocument, now: number, language: string | null): HoursScope {
  const answer = hoursAt(calendar, now);
  return {
    open: answer.open,
    holiday: answer.holiday,
    nextOpen: answer.nextOpen === null ? '' : formatNextOpen(answer.nextOpen, calendar.timezone, language, now),
  };
}
