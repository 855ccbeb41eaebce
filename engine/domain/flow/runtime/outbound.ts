/** LINE message objects built from say-like steps, and the `say` action that carries them. */
import type { OutboundMessage, QuickReplyItem } from '../flow-action.ts';
import type { CannedResponse, QuickReply } from '../flow-document.ts';
import { render, type RunContext } from './run-context.ts';

/** LINE shows at most 13 quick replies; the schema enforces it, this keeps a hand-built set safe. */
const MAX_QUICK_REPLIES = 13;

export function quickReplyItem(reply: QuickReply): QuickReplyItem {
  if (reply.postback !== undefined) {
    // displayText makes the tap show up in the chat as what the customer chose
    return { type: 'action', action: { type: 'postback', label: reply.label, data: reply.postback, displayText: reply.label } };
  }
  return { type: 'action', action: { type: 'message', label: reply.label, text: reply.text ?? reply.label } };
}

export function withQuickReplies<M extends OutboundMessage>(message: M, items: QuickReplyItem[] | undefined): M {
  if (!items || items.length === 0) return message;
  return { ...message, quickReply: { items: items.slice(0, MAX_QUICK_REPLIES) } };
}

/** A canned response's text in the customer's language: exact tag, then its base ("zh" for "zh-TW"), then the default. */
export function cannedText(response: CannedResponse, language: string | null): string {
  if (!language || !response.variants) return response.text;
  const base = language.split('-')[0] ?? language;
  return response.variants[language] ?? response.variants[base] ?? response.text;
}

export function cannedResponse(ctx: RunContext, id: string): CannedResponse {
  const response = ctx.set.canned.get(id);
  if (!response) throw new Error(`flow ${ctx.set.entry.id}: no canned response "${id}"`);
  return response;
}

/** Says a text template (or a canned response, by id) with optional quick replies. */
export function sayText(ctx: RunContext, source: { text: string } | { canned: string }, quickReplies?: QuickReply[], extra?: Record<string, unknown>): void {
  const items = quickReplies?.map(quickReplyItem);
  if ('canned' in source) {
    const template = cannedText(cannedResponse(ctx, source.canned), ctx.input.customer.language);
    const message = withQuickReplies<OutboundMessage>({ type: 'text', text: render(ctx, template, extra) }, items);
    ctx.actions.push({ type: 'say', message, canned: source.canned });
    return;
  }
  ctx.actions.push({ type: 'say', message: withQuickReplies<OutboundMessage>({ type: 'text', text: render(ctx, source.text, extra) }, items) });
}
