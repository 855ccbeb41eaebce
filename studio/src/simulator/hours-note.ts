import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { SandboxCalendarHours, SandboxHoursResponse } from '../../../engine/contracts/sandbox.ts';
import { dateTimeFormat } from '../i18n/format-locale.ts';

/** "Sunday 10:12" ("วันอาทิตย์ 10:12") in the calendar's zone: the business's own clock, whatever the viewer's */
function wallClock(at: number, timezone: string): string {
  return dateTimeFormat({ weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(at);
}

function renderCalendar(calendar: SandboxCalendarHours, now: number) {
  const clock = msg(str`${wallClock(now, calendar.timezone)} in ${calendar.timezone}`);
  if (calendar.open) {
    return html`<p class="hours open" data-testid="sim-hours" data-open="true">
      ${msg(html`<strong>Open now</strong> (${clock}, calendar “${calendar.id}”): asking for an agent queues the customer for the team.`)}
    </p>`;
  }
  const why = calendar.holiday
    ? calendar.holidayName
      ? msg(str`a holiday, ${calendar.holidayName}`)
      : msg('a holiday')
    : msg('outside office hours');
  // when it opens ("Monday 09:00") is the engine's text, from the flow's calendar, in English
  return html`<p class="hours closed" data-testid="sim-hours" data-open="false">
    ${calendar.nextOpenText
      ? msg(
          html`<strong>Closed now</strong> (${clock}, ${why}, calendar “${calendar.id}”); opens <strong data-testid="sim-next-open">${calendar.nextOpenText}</strong>. Asking for an agent now gets the after-hours answer: the customer is queued all the same and told when the team is back.`,
        )
      : msg(
          html`<strong>Closed now</strong> (${clock}, ${why}, calendar “${calendar.id}”). Asking for an agent now gets the after-hours answer: the customer is queued all the same and told when the team is back.`,
        )}
  </p>`;
}

/**
 * Whether the business is open by the active flows' calendars, so someone trying the simulator at night
 * or at a weekend knows why the bot says "we're away" and how to see the open-hours path.
 */
export function renderHoursNote(hours: SandboxHoursResponse | undefined) {
  if (!hours || hours.calendars.length === 0) return nothing;
  const closed = hours.calendars.some((calendar) => !calendar.open);
  return html`<div class="hours-note" aria-label=${msg('Business hours')}>
    ${hours.calendars.map((calendar) => renderCalendar(calendar, hours.now))}
    ${closed
      ? html`<p class="muted" data-testid="sim-hours-hint">
          ${msg(html`To see the open-hours answer now, run <code>npx baton test</code>: the flows' own tests play a handoff on a fake clock, in and out of office hours.`)}
        </p>`
      : nothing}
  </div>`;
}
