import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { AnalyticsLive } from '../../../engine/contracts/analytics.ts';
import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';
import type {
  ClientToServerEvents,
  JoinAnswer,
  ServerToClientEvents,
  SessionEndReason,
  TypingEvent,
} from '../../../engine/contracts/socket-events.ts';
import { session, SessionStatus } from '../auth/session.ts';
import { SignOutReason } from '../auth/sign-out-reason.ts';

export const RealtimeStatus = { CONNECTING: 'connecting', LIVE: 'live', RECONNECTING: 'reconnecting', REJECTED: 'rejected' } as const;
export type RealtimeStatus = (typeof RealtimeStatus)[keyof typeof RealtimeStatus];

export type JoinRefusal = Extract<JoinAnswer, { ok: false }>;

export interface SocketControllerOptions {
  onConversation?: (conversation: ConversationDto) => void;
  onMessage?: (message: MessageDto) => void;
  /** supervisors and admins: the dashboard's live cards changed */
  onAnalyticsLive?: (live: AnalyticsLive) => void;
  onTyping?: (event: TypingEvent) => void;
  /** after a reconnect: events may have been missed, reload what is on screen */
  onResync?: () => void;
  /** the engine would not let this socket follow a conversation */
  onJoinRefused?: (conversationId: string, refusal: JoinRefusal) => void;
}

/** while the engine is unreachable, how often to try for a token again */
const RETRY_REFRESH_MS = 5_000;

/**
 * Owns the operator's Socket.IO connection for as long as its host is in the DOM.
 * Every (re)connection sends the session's newest token. When the engine ends the socket because the
 * token expired or the role changed, it refreshes the token and reconnects, and the host keeps what
 * is on screen; when the session itself ended (signed out, revoked), the studio signs out.
 * Re-joins the open conversation's room after a reconnect.
 */
export class SocketController implements ReactiveController {
  status: RealtimeStatus = RealtimeStatus.CONNECTING;

  readonly #host: ReactiveControllerHost;
  readonly #options: SocketControllerOptions;
  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #room: string | null = null;
  #connectedOnce = false;
  /** a refused handshake is retried once with a fresh token; refused again, we give up */
  #retriedRefusal = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** the token the last handshake sent */
  #sentToken: string | null = null;

  constructor(host: ReactiveControllerHost, options: SocketControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (!session.token) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      // a function, so each reconnection sends the token we hold then, not the first one
      auth: (send) => {
        this.#sentToken = session.token;
        send({ token: this.#sentToken ?? '' });
      },
    });
    this.#socket = socket;
    this.#connectedOnce = false;
    this.#setStatus(RealtimeStatus.CONNECTING);

    let endedFor: SessionEndReason | null = null;
    socket.on('connect', () => {
      endedFor = null;
      this.#retriedRefusal = false;
      this.#setStatus(RealtimeStatus.LIVE);
      if (this.#room) this.#join(socket, this.#room);
      if (this.#connectedOnce) this.#options.onResync?.();
      this.#connectedOnce = true;
    });
    socket.on('session:ended', ({ reason }) => {
      endedFor = reason;
      if (reason === 'signed_out') session.end(SignOutReason.SIGNED_OUT);
      else if (reason === 'revoked') session.end(SignOutReason.REVOKED);
    });
    socket.on('disconnect', (why) => {
      this.#setStatus(RealtimeStatus.RECONNECTING);
      // the engine hung up on us (token expired, role changed): socket.io will not retry by itself
      if (why !== 'io server disconnect' || endedFor === 'signed_out' || endedFor === 'revoked') return;
      // the session refreshes a minute before expiry: an expired socket token usually has a successor already
      if (endedFor === 'token_expired' && session.token && session.token !== this.#sentToken) socket.connect();
      else void this.#reconnect(socket);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      // socket.active is false when the engine's middleware refused us; then no retry will follow
      if (socket.active) {
        this.#setStatus(RealtimeStatus.RECONNECTING);
        return;
      }
      // the engine could not check the session (its database is away): try again, the session is fine
      if (error.data?.code === 'unavailable') {
        this.#setStatus(RealtimeStatus.RECONNECTING);
        this.#retryTimer = setTimeout(() => socket.connect(), RETRY_REFRESH_MS);
        return;
      }
      if (!this.#retriedRefusal) {
        this.#retriedRefusal = true;
        void this.#reconnect(socket);
        return;
      }
      this.#setStatus(RealtimeStatus.REJECTED);
    });
    socket.on('conversation:updated', (conversation) => this.#options.onConversation?.(conversation));
    socket.on('message:new', (message) => this.#options.onMessage?.(message));
    // a later copy of the same message (delivery status): the thread merges it by id
    socket.on('message:updated', (message) => this.#options.onMessage?.(message));
    socket.on('typing', (event) => this.#options.onTyping?.(event));
    socket.on('analytics:live', (live) => this.#options.onAnalyticsLive?.(live));
  }

  hostDisconnected(): void {
    clearTimeout(this.#retryTimer);
    this.#socket?.disconnect();
    this.#socket = null;
  }

  /** Follow one conversation's room (its messages and typing at once); leaves the previous one. */
  follow(conversationId: string | null): void {
    if (conversationId === this.#room) return;
    const socket = this.#socket;
    if (socket?.connected && this.#room) socket.emit('conversation:leave', this.#room);
    this.#room = conversationId;
    if (socket?.connected && conversationId) this.#join(socket, conversationId);
  }

  typing(conversationId: string): void {
    this.#socket?.emit('typing', { conversationId });
  }

  #join(socket: Socket<ServerToClientEvents, ClientToServerEvents>, conversationId: string): void {
    socket.emit('conversation:join', conversationId, (answer) => {
      if (!answer.ok && this.#room === conversationId) this.#options.onJoinRefused?.(conversationId, answer);
    });
  }

  /** A fresh token first (the socket sends it from the auth callback), then connect again. */
  async #reconnect(socket: Socket<ServerToClientEvents, ClientToServerEvents>): Promise<void> {
    const refreshed = await session.refresh();
    if (this.#socket !== socket) return;
    if (refreshed) {
      socket.connect();
      return;
    }
    if (session.status === SessionStatus.SIGNED_IN) {
      this.#retryTimer = setTimeout(() => void this.#reconnect(socket), RETRY_REFRESH_MS);
    } else {
      this.#setStatus(RealtimeStatus.REJECTED);
    }
  }

  #setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.#host.requestUpdate();
  }
}
