/** say: one message (text, canned response, image or flex), optionally with quick replies. */
import type { OutboundMessage } from '../flow-action.ts';
import type { SayStep } from '../flow-document.ts';
import { quickReplyItem, sayText, withQuickReplies } from '../runtime/outbound.ts';
import { render, type RunContext } from '../runtime/run-context.ts';
import { NEXT, type StepOutcome } from '../runtime/step-outcome.ts';

export function executeSay(say: SayStep, ctx: RunContext): StepOutcome {
  if (say.text !== undefined) sayText(ctx, { text: say.text }, say.quickReplies);
  else if (say.canned !== undefined) sayText(ctx, { canned: say.canned }, say.quickReplies);
  else {
    const message = mediaMessage(say, ctx);
    if (message) ctx.actions.push({ type: 'say', message: withQuickReplies(message, say.quickReplies?.map(quickReplyItem)) });
  }
  return NEXT;
}

function mediaMessage(say: SayStep, ctx: RunContext): OutboundMessage | null {
  if (say.image) {
    // LINE requires a preview; the original serves when no smaller one is given
    return { type: 'image', originalContentUrl: say.image.url, previewImageUrl: say.image.previewUrl ?? say.image.url };
  }
  if (say.flex) return { type: 'flex', altText: render(ctx, say.flex.altText), contents: say.flex.contents };
  return null;
}
