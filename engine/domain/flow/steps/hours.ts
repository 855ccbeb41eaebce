/**
 * hours: asks a BusinessHours calendar about now. The answer is in scope as hours.open,
 * hours.holiday and hours.nextOpen (display text in the customer's language). The shorthands route
 * directly: `holiday` on a holiday, else `closed` whenever closed (holidays included), else `open`;
 * a case without its shorthand falls through to `next`.
 */
import type { HoursStep } from '../flow-document.ts';
import { hoursScope } from '../../calendar/hours-scope.ts';
import type { RunContext } from '../runtime/run-context.ts';
import { goto, NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeHours(hours: HoursStep, ctx: RunContext): StepOutcome {
  const calendar = ctx.set.calendars.get(hours.calendar);
  if (!calendar) throw new Error(`flow ${ctx.set.entry.id}: no calendar "${hours.calendar}"`);
  const answer = hoursScope(calendar, ctx.input.now, ctx.input.customer.language);
  ctx.hours = answer;
  if (answer.holiday && hours.holiday !== undefined) return goto(hours.holiday);
  if (!answer.open && hours.closed !== undefined) return goto(hours.closed);
  if (answer.open && hours.open !== undefined) return goto(hours.open);
  return NEXT;
}
