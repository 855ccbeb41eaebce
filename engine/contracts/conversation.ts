/** Conversation and customer shapes shared by the engine's REST/socket layer and the studio. */

export const ConversationStatus = { WAITING: 'WAITING', ACTIVE: 'ACTIVE', CLOSED: 'CLOSED' } as const;
export type ConversationStatus = (typeof ConversationStatus)[keyof typeof ConversationStatus];

/** BOT: the flow answers. HUMAN: the customer is queued for or talking to an operator. */
export const CustomerMode = { BOT: 'BOT', HUMAN: 'HUMAN' } as const;
export type CustomerMode = (typeof CustomerMode)[keyof typeof CustomerMode];

/** Where a conversation happens on LINE: a one-to-one chat, a group, or a room (a group chat without a name). */
export const ChatSource = { USER: 'user', GROUP: 'group', ROOM: 'room' } as const;
export type ChatSource = (typeof ChatSource)[keyof typeof ChatSource];

export interface CustomerDto {
  id: string;
  lineUserId: string;
  displayName: string | null;
  pictureUrl: string | null;
  language: string | null;
  mode: CustomerMode;
  tags: string[];
  /** false once the customer blocked (unfollowed) the account */
  following: boolean;
  createdAt: number;
}

export interface ConversationDto {
  id: string;
  status: ConversationStatus;
  /** group or room: the customer is the whole chat (its name the group's), and each message says who wrote it (docs/groups.md) */
  source: ChatSource;
  customer: CustomerDto;
  /** the LINE channel (Official Account) the customer wrote to, engine/contracts/channels.ts ('default' for the environment's) */
  channelId: string;
  operatorId: string | null;
  operatorName: string | null;
  /** the team routing gave it (RoutingRules), null when routed to nobody in particular */
  team: string | null;
  /** epoch milliseconds */
  createdAt: number;
  claimedAt: number | null;
  firstResponseAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
  flowVersion: number | null;
  /** `id` is what the studio reports read (POST /api/conversations/:id/read) when the operator opens it */
  lastMessage: { id: number; text: string; at: number; senderKind: SenderKind } | null;
  /**
   * The customer's messages the caller has not read (after the last one they reported read). Only in the
   * caller's own list (GET /api/conversations), never in socket events, which every operator shares; 0 for
   * closed conversations, where nothing is left to answer.
   */
  unread?: number;
  /**
   * WAITING only: 1 + the customers ahead in the same queue, the number the customer's position notice
   * tells them (domain/queue/queue-positions.ts). Sent again whenever the queue moves. null when the
   * row was read just as it left the queue.
   */
  queuePosition?: number | null;
  /**
   * true when auto-assignment gave the conversation to its operator (at `claimedAt`): they were Available
   * and it never waited in their list. Absent after a claim or a transfer.
   */
  assignedAutomatically?: true;
}

export const SenderKind = { CUSTOMER: 'customer', BOT: 'bot', OPERATOR: 'operator', SYSTEM: 'system' } as const;
export type SenderKind = (typeof SenderKind)[keyof typeof SenderKind];

/**
 * `uncertain`: a reply LINE did not answer in time (or whose connection was cut). It may have arrived;
 * a reply token works once, so it is not sent again: the operator decides whether to repeat it.
 */
export const DeliveryStatus = { RECEIVED: 'received', PENDING: 'pending', SENT: 'sent', FAILED: 'failed', UNCERTAIN: 'uncertain' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/**
 * in: from the customer; out: to the customer (through LINE); note: written for the team in the thread, never
 * sent to LINE nor counted as a message to or from the customer: an operator's private note (senderKind
 * operator) or a line Baton writes about the conversation (senderKind system, e.g. "Reopened by Ann").
 */
export type MessageDirection = 'in' | 'out' | 'note';

export interface MessageDto {
  id: number;
  conversationId: string | null;
  customerId: string;
  direction: MessageDirection;
  senderKind: SenderKind;
  operatorId: string | null;
  /** LINE message type: text, image, sticker, location, file, audio, video, postback, ... */
  type: string;
  /** Display text; for non-text messages a short description such as "[sticker]" */
  text: string;
  /** The LINE message object (in or out) as JSON */
  payload: unknown;
  /** a message from a group or room: the name of the member who wrote it ("Member …abcd" when LINE gave none) */
  senderName?: string;
  deliveryStatus: DeliveryStatus;
  /** how an outbound message went out: the free reply token or a counted push */
  sentVia: 'reply' | 'push' | null;
  createdAt: number;
  /**
   * An image, video, audio or file the customer sent, once Baton has fetched it from LINE (docs/media.md).
   * `url` answers with the bytes to a signed-in user who may read the conversation (bearer token) and 401 to
   * anyone else; it is absolute in REST answers, a path (/api/media/<id>) in socket events.
   */
  media?: MediaDto;
  /** an image/video/audio/file message without `media`: why (fetching = not fetched yet) */
  mediaState?: MediaState;
  /** the customer unsent this message on LINE: its text, payload and media are withheld */
  unsent?: true;
}

export interface MediaDto {
  url: string;
  contentType: string;
  /** bytes */
  size: number;
}

/** fetching: on its way from LINE; expired: LINE no longer had it; too_large: over Baton's limit; failed: fetching gave up */
export type MediaState = 'fetching' | 'expired' | 'too_large' | 'failed';
