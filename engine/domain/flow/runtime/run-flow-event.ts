/**
 * The flow runtime: one event in, the actions it calls for and the customer's next FlowState out.
 * Pure: no clock reads (input.now), no I/O, no knowledge of LINE's wire format or the store.
 *
 * @example
 * const { actions, state } = runFlowEvent(set, emptyFlowState(), {
 *   event: { kind: 'message', messageType: 'text', text: 'ＡＧＥＮＴ please' },
 *   customer: { id: 'c1', name: 'Somchai', language: 'th', tags: [], withHuman: false, following: true },
 *   now: Date.parse('2026-01-05T10:00:00+07:00'),
 * });
 * // actions: say (the handoff greeting), handoff { queue: 'default', routing: {...} }
 */
import type { FlowResult } from '../flow-action.ts';
import type { FlowInput } from '../flow-event.ts';
import type { FlowSet } from '../flow-set.ts';
import type { FlowState } from '../flow-state.ts';
import { answerAwaiting } from './answer-awaiting.ts';
import { nextStepId } from './routes.ts';
import type { FlowTrace } from './flow-trace.ts';
import { createRunContext, type RunContext } from './run-context.ts';
import { runSteps } from './run-steps.ts';
import { selectTrigger } from './select-trigger.ts';

function onResume(ctx: RunContext): void {
  const resume = ctx.resume;
  // an early or repeated wake-up (the scheduler may deliver twice) does nothing
  if (!resume || resume.at > ctx.input.now) return;
  ctx.resume = null;
  const waitStep = ctx.steps.get(resume.stepId);
  // a person has the conversation now, or the wait step is gone from this version
  if (ctx.withHuman || !waitStep) return;
  runSteps(ctx, nextStepId(waitStep, ctx));
}

function onCustomerEvent(ctx: RunContext): void {
  if (ctx.input.event.kind === 'unfollow') {
    // nothing reaches a customer who blocked the account: questions and follow-ups are void
    ctx.awaiting = null;
    ctx.resume = null;
  }
  if (!ctx.withHuman && ctx.awaiting) ctx.trace?.awaiting(ctx.actions, ctx.awaiting);
  if (!ctx.withHuman && answerAwaiting(ctx)) {
    ctx.resume = null;
    return;
  }
  const selected = selectTrigger(ctx);
  ctx.trace?.trigger(ctx.actions, selected?.trigger ?? null, ctx.withHuman);
  if (!selected) return;
  // the customer moved the conversation on; a pending wait's follow-up would be stale
  ctx.resume = null;
  if (selected.groups) ctx.vars.match = selected.groups;
  runSteps(ctx, selected.trigger.goto);
}

/** `trace` (the studio simulator's dry run) records the triggers, steps, conditions and actions of this call. */
export function runFlowEvent(set: FlowSet, state: FlowState, input: FlowInput, trace: FlowTrace | null = null): FlowResult {
  const ctx = createRunContext(set, state, input, trace);
  const { event } = input;
  switch (event.kind) {
    case 'handoff-closed':
      ctx.withHuman = false;
      runSteps(ctx, event.onCloseStep);
      break;
    case 'queue-timeout':
      runSteps(ctx, event.stepId);
      break;
    case 'resume':
      onResume(ctx);
      break;
    default:
      onCustomerEvent(ctx);
  }
  return { actions: ctx.actions, state: { vars: ctx.vars, awaiting: ctx.awaiting, resume: ctx.resume } };
}
