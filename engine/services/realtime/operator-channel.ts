/**
 * The port the live transport implements: deliver one event to a set of operators. Services decide
 * who (InboxPublisher); the Socket.IO gateway maps recipients to rooms and never decides itself.
 */
import type { ConversationDto, MessageDto } from '../../contracts/conversation.ts';

/**
 * Who hears an event. "Working" a conversation means: the given operators (its operator, and on a transfer
 * the one it left), every socket that has it open (joined its room), and every supervisor and admin.
 * `channelId`: the conversation's LINE channel; someone limited to other channels is not among "everyone" nor
 * the supervisors (an event without a channel reaches only supervisors working in every channel).
 */
export type Recipients =
  | { to: 'everyone'; channelId: string }
  | { to: 'supervisors' }
  | { to: 'working'; conversationId: string; operatorIds: string[]; channelId: string };

export interface OperatorChannel {
  conversation(recipients: Recipients, conversation: ConversationDto): void;
  message(recipients: Recipients, event: 'message:new' | 'message:updated', message: MessageDto): void;
  /**
   * The conversation changed hands: sockets that have it open but may no longer open it (an operator who
   * had it open in the queue, or the one it was transferred away from) stop hearing it.
   */
  revisit(conversationId: string): void;
}

/** Used until the gateway is attached (and by tools that run services without a server). */
export const closedChannel: OperatorChannel = {
  conversation() {},
  message() {},
  revisit() {},
};
