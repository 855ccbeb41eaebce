/**
 * How services announce changes to operators. The Socket.IO gateway implements it; services never
 * import socket.io, so they stay testable and the transport stays swappable.
 */
import type { ConversationDto, MessageDto } from '../../contracts/conversation.ts';

export interface RealtimePublisher {
  conversationUpdated(conversation: ConversationDto): void;
  messageNew(message: MessageDto): void;
  messageUpdated(message: MessageDto): void;
}

/** Used until the gateway is attached (and by tools that run services without a server). */
export const silentPublisher: RealtimePublisher = {
  conversationUpdated() {},
  messageNew() {},
  messageUpdated() {},
};

/**
 * A publisher whose target is set later: services are built before the HTTP server exists, and the
 * Socket.IO gateway can only attach to a server that already has its request handler.
 */
export class RelayPublisher implements RealtimePublisher {
  private target: RealtimePublisher = silentPublisher;

  attach(target: RealtimePublisher): void {
    this.target = target;
  }

  conversationUpdated(conversation: ConversationDto): void {
    this.target.conversationUpdated(conversation);
  }

  messageNew(message: MessageDto): void {
    this.target.messageNew(message);
  }

  messageUpdated(message: MessageDto): void {
    this.target.messageUpdated(message);
  }
}
