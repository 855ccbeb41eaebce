/** One line of the simulator's trace, in words: what the runtime matched, took, evaluated and did. */
import { msg, str } from '@lit/localize';
import type { FlowTraceEntry } from '../../../engine/contracts/rest.ts';
import { wallClockOf } from './simulator-clock.ts';

export function traceText(entry: FlowTraceEntry, offset: string): string {
  switch (entry.kind) {
    case 'event':
      return `${wallClockOf(entry.at, offset)} · ${entry.event}`;
    case 'awaiting':
      return msg(str`the flow was waiting for ${entry.what}`);
    case 'trigger':
      return msg(str`trigger "${entry.triggerId}" matched → step ${entry.goto}`);
    case 'no-trigger':
      return entry.withHuman ? msg('no trigger for a customer with a human (only duringHuman triggers count)') : msg('no trigger matched: the bot stays quiet');
    case 'condition': {
      // the expression and its error are the flow's and the engine's own text
      const where = entry.stepId ? `[${entry.stepId}] ` : '';
      return entry.error
        ? msg(str`${where}${entry.expression} → ${String(entry.value)} (error: ${entry.error})`)
        : `${where}${entry.expression} → ${String(entry.value)}`;
    }
    case 'step':
      return msg(str`step ${entry.stepId} (${entry.type})`);
    case 'hours':
      // when it opens ("Monday 09:00") is the engine's text, in English
      if (entry.holiday) {
        return entry.nextOpen ? msg(str`calendar ${entry.calendar}: holiday, closed · opens ${entry.nextOpen}`) : msg(str`calendar ${entry.calendar}: holiday, closed`);
      }
      return entry.open
          ? msg(str`calendar ${entry.calendar}: open`)
          : entry.nextOpen
            ? msg(str`calendar ${entry.calendar}: closed · opens ${entry.nextOpen}`)
            : msg(str`calendar ${entry.calendar}: closed`);
    case 'action':
      return `→ ${entry.text}`;
  }
}
