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

/** A conversation's newest message, for the operators who are not working it. */
export interface ConversationActivity {
  conversationId: string;
  lastMessage: NonNullable<ConversationDto['lastMessage']>;
}

/**
 * Who hears what: every operator hears each conversation that nobody has taken yet, and every change
 * of a conversation's state (created, claimed, transferred, closed), at once. The new messages of a
 * taken conversation reach at once those working it: its operator, every socket that joined its room
 * (conversation:join) and every supervisor and admin; everyone else learns of them through
 * `conversations:activity`, at most every BATON_INBOX_DIGEST_MS (with 0, every `conversation:updated`
 * reaches every operator at once; messages stay with those working the conversation).
 * Messages of a bot exchange outside any conversation reach supervisors and admins.
 */
export interface ServerToClientEvents {
  /** a conversation changed: created, claimed, transferred, closed, or (for those working it) a new last message */
  'conversation:updated': (conversation: ConversationDto) => void;
  /** the newest message of each taken conversation that had any since the last such event */
  'conversations:activity': (activity: ConversationActivity[]) => void;
  /** a message in or out of a conversation */
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
