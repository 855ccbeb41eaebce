/**
 * Socket.IO event maps, declared once: the engine types its Server with them and the studio its client.
 * Connect at the default path with `auth: { token }` (the accessToken from POST /api/auth/login).
 */
import type { AnalyticsLive } from './analytics.ts';
import type { ConversationDto, MessageDto } from './conversation.ts';
import type { Role } from './rest.ts';

export interface TypingEvent {
  conversationId: string;
  operatorId: string;
  name: string;
}

/** Why the server ended a socket; the studio refreshes its token and reconnects, or signs out. */
export type SessionEndReason =
  /** the access token expired: refresh and reconnect */
  | 'token_expired'
  /** the role changed: refresh (the new token carries it) and reconnect */
  | 'role_changed'
  /** signed out, password changed elsewhere, deactivated, idle too long, or a refresh token reused: sign in again */
  | 'signed_out'
  | 'revoked';

/** The answer to conversation:join: operators may open only waiting conversations and their own. */
export type JoinAnswer = { ok: true } | { ok: false; code: 'forbidden' | 'not_found'; message: string };

/**
 * Who hears what (the permission table is in docs/security.md): every operator hears each conversation
 * nobody has taken yet (the queue) with its customer's messages (its other lines, bot answers and notes,
 * reach those working it, as below), and the change that takes it out of the queue; after that a
 * conversation's changes and messages reach those working it: its operator (and the previous one, on a
 * transfer, so it leaves their list), every socket that joined its room (conversation:join, allowed as
 * GET /api/conversations/:id is) and every supervisor and admin. Messages of a bot exchange outside any
 * conversation reach supervisors and admins.
 */
export interface ServerToClientEvents {
  /** a conversation changed: created, claimed, transferred, closed, or a new last message */
  'conversation:updated': (conversation: ConversationDto) => void;
  /** a message in or out of a conversation */
  'message:new': (message: MessageDto) => void;
  /** a message's delivery status changed (pending -> sent via reply or push, or failed) */
  'message:updated': (message: MessageDto) => void;
  /** another operator is typing in a conversation this socket joined */
  typing: (event: TypingEvent) => void;
  /** supervisors and admins: the live cards changed (coalesced: at most one a second) */
  'analytics:live': (live: AnalyticsLive) => void;
  /** sent just before the server disconnects this socket for a reason of its session */
  'session:ended': (event: { reason: SessionEndReason }) => void;
}

export interface ClientToServerEvents {
  /** join a conversation's room (its messages and typing at once); refused like GET /api/conversations/:id */
  'conversation:join': (conversationId: string, ack?: (answer: JoinAnswer) => void) => void;
  'conversation:leave': (conversationId: string) => void;
  /** tells those in the conversation's room; only from a socket that joined it */
  typing: (event: { conversationId: string }) => void;
}

/** what the gateway keeps per socket */
export interface SocketData {
  operatorId: string;
  sessionId: string;
  name: string;
  role: Role;
  /** the LINE channels whose conversations they hear of; null: every channel */
  channels: string[] | null;
}
