/**
 * Turns a stored LINE webhook event into the few facts the chat service acts on, so nothing past
 * this file depends on LINE's wire format.
 */
import type { webhook } from '@line/bot-sdk';
import { describeLineMessage } from './describe-message.ts';
import { checkLineEvent, MalformedLineEventError } from './line-event-check.ts';

export interface InboundMessage {
  lineMessageId: string;
  type: string;
  /** the text of a text message, else null */
  text: string | null;
  /** what an operator sees in the inbox: the text, or "[sticker]", "[image]", ... */
  description: string;
  /** marks this message and every earlier one read on LINE (POST /v2/bot/chat/markAsRead); null when absent */
  markAsReadToken: string | null;
  payload: webhook.MessageContent;
}

export interface InboundEvent {
  webhookEventId: string;
  type: string;
  timestamp: number;
  /** standby: another channel answers; Baton stores the event and stays silent */
  standby: boolean;
  replyToken: string | null;
  /** the LINE user, when the event came from a one-to-one chat */
  userId: string | null;
  message: InboundMessage | null;
  postback: { data: string; params: Record<string, string> | null } | null;
  /** an unsend event: the LINE id of the message the user unsent */
  unsendMessageId: string | null;
}

/**
 * Checked again here, not only at the edge: events stored before the check existed (or by an older
 * engine) must not reach the chat service either. Throws MalformedLineEventError for an event that
 * fails, which the event processor stores as ignored at once rather than retrying.
 */
export function normalizeLineEvent(webhookEventId: string, value: unknown): InboundEvent {
  const { event, problem } = checkLineEvent(value);
  if (problem !== null) throw new MalformedLineEventError(problem);
  const source = event.source;
  const normalized: InboundEvent = {
    webhookEventId,
    type: event.type,
    timestamp: event.timestamp,
    standby: event.mode === 'standby',
    replyToken: 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : null,
    userId: source?.type === 'user' ? (source.userId ?? null) : null,
    message: null,
    postback: null,
    unsendMessageId: event.type === 'unsend' && typeof event.unsend?.messageId === 'string' ? event.unsend.messageId : null,
  };
  if (event.type === 'message') {
    const content = event.message;
    normalized.message = {
      lineMessageId: content.id,
      type: content.type,
      text: content.type === 'text' ? content.text : null,
      description: describeLineMessage(content),
      markAsReadToken: 'markAsReadToken' in content && typeof content.markAsReadToken === 'string' ? content.markAsReadToken : null,
      payload: content,
    };
  } else if (event.type === 'postback') {
    const params = event.postback.params;
    normalized.postback = { data: event.postback.data, params: params ? { ...params } : null };
  }
  return normalized;
}
