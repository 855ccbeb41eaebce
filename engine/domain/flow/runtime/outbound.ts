/** LINE message objects built from say-like steps, and the `say` action that carries them. */
import type { OutboundMessage, QuickReplyItem } from '../flow-action.ts';
import type { CannedResponse, FlexMessageSpec, ImageMessageSpec, QuickReply } from '../flow-document.ts';
import { renderFlexContents } from './flex-templates.ts';
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
export function cannedText(response: CannedResponse, language: string | null): string | undefined {
  if (!language || !response.variants) return response.text;
  const base = language.split('-')[0] ?? language;
  return response.variants[language] ?? response.variants[base] ?? response.text;
}

/** LINE requires a preview; the original serves when no smaller one is given. */
export function imageMessage(image: ImageMessageSpec): OutboundMessage {
  return { type: 'image', originalContentUrl: image.url, previewImageUrl: image.previewUrl ?? image.url };
}

export function flexMessage(flex: FlexMessageSpec, render: (template: string) => string): OutboundMessage {
  return { type: 'flex', altText: render(flex.altText), contents: renderFlexContents(flex.contents, render) };
}

/**
 * The LINE messages a canned response sends, in its order: text, image, flex (at most three of LINE's five
 * per request). Quick replies go under the last one, the only message LINE shows them for; `quickReplies`
 * (a say step's own) replaces the response's.
 *
 * @example cannedMessages({ id: 'hours', title: 'Hours', text: 'Our hours:', flex }, 'th', render) // [text, flex]
 */
export function cannedMessages(response: CannedResponse, language: string | null, render: (template: string) => string, quickReplies?: QuickReply[]): OutboundMessage[] {
  const text = cannedText(response, language);
  const messages: OutboundMessage[] = [];
  if (text !== undefined) messages.push({ type: 'text', text: render(text) });
  if (response.image) messages.push(imageMessage(response.image));
  if (response.flex) messages.push(flexMessage(response.flex, render));
  const items = (quickReplies ?? response.quickReplies)?.map(quickReplyItem);
  return messages.map((message, i) => (i === messages.length - 1 ? withQuickReplies(message, items) : message));
}

export function cannedResponse(ctx: RunContext, id: string): CannedResponse {
  const response = ctx.set.canned.get(id);
  if (!response) throw new Error(`flow ${ctx.set.entry.id}: no canned response "${id}"`);
  return response;
}

/** Says a text template (or a canned response, by id: all its messages) with optional quick replies. */
export function sayText(ctx: RunContext, source: { text: string } | { canned: string }, quickReplies?: QuickReply[], extra?: Record<string, unknown>): void {
  if ('canned' in source) {
    const messages = cannedMessages(cannedResponse(ctx, source.canned), ctx.input.customer.language, (template) => render(ctx, template, extra), quickReplies);
    for (const message of messages) ctx.actions.push({ type: 'say', message, canned: source.canned });
    return;
  }
  const items = quickReplies?.map(quickReplyItem);
  ctx.actions.push({ type: 'say', message: withQuickReplies<OutboundMessage>({ type: 'text', text: render(ctx, source.text, extra) }, items) });
}
