/**
 * handoff: queues the customer for a human. RoutingRules pick team, skills and priority; the
 * greeting (a template or a canned response, with `queue` in scope) goes out first; `onClose` is
 * remembered on the handoff so the service can run it when an operator closes the conversation.
 * The run stops: from here the customer talks to people, and only duringHuman triggers answer.
 */
import type { HandoffStep } from '../flow-document.ts';
import { decideRouting } from '../../routing/decide-routing.ts';
import { sayText } from '../runtime/outbound.ts';
import { celScope, type RunContext } from '../runtime/run-context.ts';
import { STOP, type StepOutcome } from '../runtime/step-outcome.ts';

/** Documents named `default` are what a handoff uses when it names none. */
const DEFAULT_ID = 'default';

export function executeHandoff(handoff: HandoffStep, ctx: RunContext): StepOutcome {
  // already queued or talking to someone (a duringHuman trigger led here): queueing twice would duplicate the chat
  if (ctx.withHuman) return STOP;
  // handoff is off for this chat (a group whose channel keeps groups with the bot): nothing is said or queued
  if (ctx.input.handoffAllowed === false) return STOP;
  const routing = decideRouting(ctx.set.routing.get(handoff.routing ?? DEFAULT_ID), celScope(ctx));
  const queueId = handoff.queue ?? (ctx.set.queues.has(DEFAULT_ID) ? DEFAULT_ID : null);
  const extra = { queue: { id: queueId ?? '', team: routing.team ?? '', priority: routing.priority } };
  if (handoff.greetingCanned !== undefined) sayText(ctx, { canned: handoff.greetingCanned }, undefined, extra);
  else if (handoff.greeting !== undefined) sayText(ctx, { text: handoff.greeting }, undefined, extra);
  ctx.actions.push({
    type: 'handoff',
    queue: queueId,
    routing,
    onCloseStep: handoff.onClose ?? null,
    ...(handoff.reopenWithinMinutes !== undefined ? { reopenWithinMs: handoff.reopenWithinMinutes * 60_000 } : {}),
  });
  ctx.withHuman = true;
  // a question or a pending wait of the bot makes no sense once a person has the conversation
  ctx.awaiting = null;
  ctx.resume = null;
  return STOP;
}
