/**
 * Socket.IO event maps, declared once: the engine types its Server with them and the studio its client.
 * Connect at the default path with `auth: { token }` (the accessToken from POST /api/auth/login).
 */
import type { ConversationDto, MessageDto } from './conversation.ts';

export interface TypingEvent {
  conversationId: string;
  operatorId: string;
  name: string;
}

export interface ServerToClientEvents {
  /** any change of a conversation: created, claimed, transferred, closed, new last message */
  'conversation:updated': (conversation: ConversationDto) => void;
  /** a message in or out of any conversation (sent to every operator) */
  'message:new': (message: MessageDto) => void;
  /** a message's delivery status changed (pending -> sent via reply or push, or failed) */
  'message:updated': (message: MessageDto) => void;
  /** another operator is typing in a conversation this socket joined */
  typing: (event: TypingEvent) => void;
}

export interface ClientToServerEvents {
  /** join a conversation's room (typing indicators) */
  'conversation:join': (conversationId: string) => void;
  'conversation:leave': (conversationId: string) => void;
  typing: (event: { conversationId: string }) => void;
}

/** what the gateway keeps per socket */
export interface SocketData {
  operatorId: string;
  name: string;
  role: string;
}
