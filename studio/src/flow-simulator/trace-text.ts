/** One line of the simulator's trace, in words: what the runtime matched, took, evaluated and did. */
import type { FlowTraceEntry } from '../../../engine/contracts/rest.ts';
import { wallClockOf } from './simulator-clock.ts';

export function traceText(entry: FlowTraceEntry, offset: string): string {
  switch (entry.kind) {
    case 'event':
      return `${wallClockOf(entry.at, offset)} · ${entry.event}`;
    case 'awaiting':
      return `the flow was waiting for ${entry.what}`;
    case 'trigger':
      return `trigger "${entry.triggerId}" matched → step ${entry.goto}`;
    case 'no-trigger':
      return entry.withHuman ? 'no trigger for a customer with a human (only duringHuman triggers count)' : 'no trigger matched: the bot stays quiet';
    case 'condition':
      return `${entry.stepId ? `[${entry.stepId}] ` : ''}${entry.expression} → ${entry.value}${entry.error ? ` (error: ${entry.error})` : ''}`;
    case 'step':
      return `step ${entry.stepId} (${entry.type})`;
    case 'hours':
      return `calendar ${entry.calendar}: ${entry.holiday ? 'holiday, closed' : entry.open ? 'open' : 'closed'}${entry.open || !entry.nextOpen ? '' : ` · opens ${entry.nextOpen}`}`;
    case 'action':
      return `→ ${entry.text}`;
  }
}
