/**
 * Turns a stored LINE webhook event into the few facts the chat service acts on, so nothing past
 * this file depends on LINE's wire format.
 */
import type { webhook } from '@line/bot-sdk';
import type { ChatSource } from '../contracts/conversation.ts';
import { describeLineMessage } from './describe-message.ts';
import { checkLineEvent, MalformedLineEventError } from './line-event-check.ts';

const LINE_USER_ID = /^U[0-9a-f]{32}$/;

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
  /**
   * The LINE chat the event belongs to, which Baton keys its customer by: the user's id in a one-to-one
   * chat, the group's or room's id in a group or room (docs/groups.md). null when LINE gave none.
   */
  chatId: string | null;
  source: ChatSource;
  /** in a group or room: the member who wrote or acted (LINE leaves it out for some members); else the user */
  senderUserId: string | null;
  /** memberJoined / memberLeft: the members who came or went */
  members: string[];
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
    chatId: chatIdOf(source),
    source: source?.type ?? 'user',
    senderUserId: source?.userId ?? null,
    members: event.type === 'memberJoined' ? userIdsOf(event.joined?.members) : event.type === 'memberLeft' ? userIdsOf(event.left?.members) : [],
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

/** The chat an event belongs to (user, group or room id): events of one chat are run in order, one at a time. */
export function chatIdOf(source: webhook.Source | undefined): string | null {
  if (source?.type === 'group') return source.groupId;
  if (source?.type === 'room') return source.roomId;
  return source?.userId ?? null;
}

/** the schema does not look inside joined/left: only well-formed user ids are taken */
function userIdsOf(members: readonly webhook.Source[] | undefined): string[] {
  if (!Array.isArray(members)) return [];
  return members.flatMap((member) => (typeof member?.userId === 'string' && LINE_USER_ID.test(member.userId) ? [member.userId] : []));
}
