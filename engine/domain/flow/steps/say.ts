/** say: one message (text, canned response, image or flex), optionally with quick replies. */
import type { SayStep } from '../flow-document.ts';
import { flexMessage, imageMessage, quickReplyItem, sayText, withQuickReplies } from '../runtime/outbound.ts';
import { render, type RunContext } from '../runtime/run-context.ts';
import { NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeSay(say: SayStep, ctx: RunContext): StepOutcome {
  if (say.text !== undefined) sayText(ctx, { text: say.text }, say.quickReplies);
  else if (say.canned !== undefined) sayText(ctx, { canned: say.canned }, say.quickReplies);
  else {
    const message = say.image ? imageMessage(say.image) : say.flex ? flexMessage(say.flex, (template) => render(ctx, template)) : null;
    if (message) ctx.actions.push({ type: 'say', message: withQuickReplies(message, say.quickReplies?.map(quickReplyItem)) });
  }
  return NEXT;
}
