/**
 * The flow runtime: given an event, the customer's context and a flow, decide the actions.
 * Pure: no clock reads, no I/O, no knowledge of LINE's wire format or the store.
 */
import type { FlowAction, OutboundText, QuickReplyItem } from './flow-action.ts';
import type { FlowDocument, QuickReply, Step } from './flow-document.ts';
import type { FlowContext, FlowEvent } from './flow-event.ts';
import { findTrigger } from './match-trigger.ts';
import { renderTemplate } from './expression/template.ts';

/** A flow that loops through `next` must not hang the engine; validation catches most loops earlier. */
const MAX_STEPS_PER_EVENT = 25;

function quickReplyItem(reply: QuickReply): QuickReplyItem {
  if (reply.postback !== undefined) {
    return { type: 'action', action: { type: 'postback', label: reply.label, data: reply.postback, displayText: reply.label } };
  }
  return { type: 'action', action: { type: 'message', label: reply.label, text: reply.text ?? reply.label } };
}

function textMessage(template: string, context: FlowContext, quickReplies: QuickReply[] | undefined): OutboundText {
  const message: OutboundText = { type: 'text', text: renderTemplate(template, context) };
  if (quickReplies && quickReplies.length > 0) message.quickReply = { items: quickReplies.map(quickReplyItem) };
  return message;
}

function runSteps(flow: FlowDocument, startId: string, context: FlowContext): FlowAction[] {
  const byId = new Map<string, Step>(flow.steps.map((step) => [step.id, step]));
  const actions: FlowAction[] = [];
  let stepId: string | undefined = startId;
  for (let count = 0; stepId !== undefined && count < MAX_STEPS_PER_EVENT; count++) {
    const step = byId.get(stepId);
    if (!step) throw new Error(`flow ${flow.id}: no step "${stepId}"`);
    if (step.say?.text) actions.push({ type: 'say', message: textMessage(step.say.text, context, step.say.quickReplies) });
    if (step.handoff) {
      if (step.handoff.greeting) actions.push({ type: 'say', message: textMessage(step.handoff.greeting, context, undefined) });
      actions.push({ type: 'handoff', queue: null, routing: { rules: null, team: null, skills: [], priority: 0, strategy: 'round-robin' }, onCloseStep: step.handoff.onClose ?? null });
      break;
    }
    stepId = typeof step.next === 'string' ? step.next : undefined;
  }
  return actions;
}

export function runFlow(flow: FlowDocument, event: FlowEvent, context: FlowContext): FlowAction[] {
  if (event.kind === 'handoff-closed') {
    return event.onCloseStep ? runSteps(flow, event.onCloseStep, context) : [];
  }
  const trigger = findTrigger(flow.triggers, event, context.customer.withHuman);
  if (!trigger) return [];
  const actions = runSteps(flow, trigger.goto, context);
  // Already with a human: a second handoff would queue the customer twice.
  return context.customer.withHuman ? actions.filter((a) => a.type !== 'handoff') : actions;
}
