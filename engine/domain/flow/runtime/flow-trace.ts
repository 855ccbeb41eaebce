/**
 * What a dry run shows of the runtime's reasoning: each event, the trigger it matched (or none), every step
 * taken, each condition with its value, an hours step's answer and, in between, the actions as they were
 * decided. The runtime calls it only when a trace was asked for (the studio's simulator); the live engine
 * runs without one. Actions are picked up from the run's action list at each call, so they land right after
 * the step (or answer) that produced them.
 */
import type { FlowAction } from '../flow-action.ts';
import type { Awaiting } from '../flow-state.ts';
import type { FlowEvent } from '../flow-event.ts';
import type { Step, Trigger } from '../flow-document.ts';
import type { HoursScope } from '../../calendar/hours-scope.ts';
import { describeAction } from '../testing/describe-action.ts';

export type FlowTraceEntry =
  /** an event delivered to the runtime at `at` (epoch ms): the customer's input or a timer */
  | { kind: 'event'; at: number; event: string }
  /** the flow was waiting for an answer (an ask or a survey) when the event came */
  | { kind: 'awaiting'; what: string }
  | { kind: 'trigger'; triggerId: string; goto: string }
  | { kind: 'no-trigger'; withHuman: boolean }
  /** a CEL condition (a trigger's `when`, a `next`/branch `if`) and what it came to; a failed one counts as false */
  | { kind: 'condition'; expression: string; value: boolean; error: string | null; stepId: string | null }
  | { kind: 'step'; stepId: string; type: string }
  | { kind: 'hours'; stepId: string; calendar: string; open: boolean; holiday: boolean; nextOpen: string }
  | { kind: 'action'; action: FlowAction; text: string };

/** The step kind: the step's one type key (goto, end, or a routing point with only `next`). */
function stepType(step: Step): string {
  const kinds = ['say', 'ask', 'branch', 'set', 'tag', 'hours', 'handoff', 'survey', 'wait', 'goto', 'end', 'plugin'] as const;
  return kinds.find((kind) => step[kind] !== undefined) ?? 'next';
}

function describeEvent(event: FlowEvent): string {
  switch (event.kind) {
    case 'message':
      return event.messageType === 'text' ? `message ${JSON.stringify(event.text ?? '')}` : `${event.messageType} message`;
    case 'postback':
      return `postback ${event.data}`;
    case 'handoff-closed':
      return 'the operator closed the chat';
    case 'resume':
      return 'a wait step woke up';
    case 'queue-timeout':
      return `waited past the queue's limit (step ${event.stepId})`;
    default:
      return event.kind;
  }
}

function describeAwaiting(awaiting: Awaiting): string {
  return awaiting.kind === 'survey' ? `survey ${awaiting.surveyId} (${awaiting.stage})` : `an answer to step ${awaiting.stepId}`;
}

export class FlowTrace {
  readonly entries: FlowTraceEntry[] = [];
  /** actions of the current event already written to the trace */
  private seen = 0;
  private currentStep: string | null = null;

  /** A new runtime call: its actions list starts empty. */
  event(event: FlowEvent, at: number): void {
    this.seen = 0;
    this.currentStep = null;
    this.entries.push({ kind: 'event', at, event: describeEvent(event) });
  }

  /** Writes the actions decided since the last entry. Called by every other entry and after each runtime call. */
  actions(actions: readonly FlowAction[]): void {
    for (const action of actions.slice(this.seen)) this.entries.push({ kind: 'action', action, text: describeAction(action) });
    this.seen = Math.max(this.seen, actions.length);
  }

  awaiting(actions: readonly FlowAction[], awaiting: Awaiting): void {
    this.actions(actions);
    this.entries.push({ kind: 'awaiting', what: describeAwaiting(awaiting) });
  }

  trigger(actions: readonly FlowAction[], trigger: Trigger | null, withHuman: boolean): void {
    this.actions(actions);
    this.entries.push(trigger ? { kind: 'trigger', triggerId: trigger.id, goto: trigger.goto } : { kind: 'no-trigger', withHuman });
  }

  condition(actions: readonly FlowAction[], expression: string, value: boolean, error: string | null): void {
    this.actions(actions);
    this.entries.push({ kind: 'condition', expression, value, error, stepId: this.currentStep });
  }

  step(actions: readonly FlowAction[], step: Step): void {
    this.actions(actions);
    this.currentStep = step.id;
    this.entries.push({ kind: 'step', stepId: step.id, type: stepType(step) });
  }

  hours(actions: readonly FlowAction[], step: Step, hours: HoursScope): void {
    this.actions(actions);
    this.entries.push({ kind: 'hours', stepId: step.id, calendar: step.hours?.calendar ?? '', ...hours });
  }
}
