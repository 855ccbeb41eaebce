/**
 * How services announce changes to operators. InboxPublisher implements it over the Socket.IO
 * gateway; services never import socket.io, so they stay testable and the transport stays swappable.
 */
import type { ConversationDto, MessageDto } from '../../contracts/conversation.ts';

/** The conversation a message belongs to, as far as deciding who hears about it goes. */
export interface ConversationRef {
  id: string;
  operatorId: string | null;
  /** its LINE channel: operators limited to other channels never hear of it */
  channelId: string;
}

/** What a change did to who works the conversation, for those who must hear it although not working it now. */
export interface ConversationChange {
  /** it was waiting and now has an operator: every operator's queue must drop it */
  leftQueue?: boolean;
  /** it was this operator's and is no longer (transferred): their list must drop it */
  formerOperatorId?: string | null;
}

export interface RealtimePublisher {
  conversationUpdated(conversation: ConversationDto, change?: ConversationChange): void;
  /** `conversation`: the one the message belongs to; null for a bot exchange outside any conversation */
  messageNew(message: MessageDto, conversation: ConversationRef | null): void;
  messageUpdated(message: MessageDto, conversation: ConversationRef | null): void;
}

export const conversationRef = (row: { id: string; operator_id: string | null; channel_id: string }): ConversationRef => ({ id: row.id, operatorId: row.operator_id, channelId: row.channel_id });
