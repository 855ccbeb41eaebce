import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';
import type { ClientToServerEvents, ConversationActivity, ServerToClientEvents, TypingEvent } from '../../../engine/contracts/socket-events.ts';

export const RealtimeStatus = { CONNECTING: 'connecting', LIVE: 'live', RECONNECTING: 'reconnecting', REJECTED: 'rejected' } as const;
export type RealtimeStatus = (typeof RealtimeStatus)[keyof typeof RealtimeStatus];

export interface SocketControllerOptions {
  token: () => string | null;
  onConversation: (conversation: ConversationDto) => void;
  /** newest messages of conversations others are working */
  onActivity: (activity: ConversationActivity[]) => void;
  onMessage: (message: MessageDto) => void;
  onTyping?: (event: TypingEvent) => void;
  /** after a reconnect: events may have been missed, reload what is on screen */
  onResync?: () => void;
  /** the server refused the socket (bad or expired token) */
  onRejected?: (error: Error) => void;
}

/**
 * Owns the operator's Socket.IO connection for as long as its host is in the DOM.
 * Connects on hostConnected, disconnects on hostDisconnected, and re-joins the open conversation's
 * room after a reconnect.
 */
export class SocketController implements ReactiveController {
  status: RealtimeStatus = RealtimeStatus.CONNECTING;

  readonly #host: ReactiveControllerHost;
  readonly #options: SocketControllerOptions;
  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #room: string | null = null;
  #connectedOnce = false;

  constructor(host: ReactiveControllerHost, options: SocketControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    const token = this.#options.token();
    if (!token) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ auth: { token } });
    this.#socket = socket;
    this.#connectedOnce = false;
    this.#setStatus(RealtimeStatus.CONNECTING);

    socket.on('connect', () => {
      this.#setStatus(RealtimeStatus.LIVE);
      if (this.#room) socket.emit('conversation:join', this.#room);
      if (this.#connectedOnce) this.#options.onResync?.();
      this.#connectedOnce = true;
    });
    socket.on('disconnect', () => this.#setStatus(RealtimeStatus.RECONNECTING));
    socket.on('connect_error', (error) => {
      // socket.active is false when the server's middleware refused us; then no retry will follow
      if (socket.active) {
        this.#setStatus(RealtimeStatus.RECONNECTING);
        return;
      }
      this.#setStatus(RealtimeStatus.REJECTED);
      this.#options.onRejected?.(error);
    });
    socket.on('conversation:updated', (conversation) => this.#options.onConversation(conversation));
    socket.on('conversations:activity', (activity) => this.#options.onActivity(activity));
    socket.on('message:new', (message) => this.#options.onMessage(message));
    // a later copy of the same message (delivery status): the thread merges it by id
    socket.on('message:updated', (message) => this.#options.onMessage(message));
    socket.on('typing', (event) => this.#options.onTyping?.(event));
  }

  hostDisconnected(): void {
    this.#socket?.disconnect();
    this.#socket = null;
  }

  /** Follow one conversation's room (typing indicators); leaves the previous one. */
  follow(conversationId: string | null): void {
    if (conversationId === this.#room) return;
    const socket = this.#socket;
    if (socket?.connected && this.#room) socket.emit('conversation:leave', this.#room);
    this.#room = conversationId;
    if (socket?.connected && conversationId) socket.emit('conversation:join', conversationId);
  }

  typing(conversationId: string): void {
    this.#socket?.emit('typing', { conversationId });
  }

  #setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.#host.requestUpdate();
  }
}
