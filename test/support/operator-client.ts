/** An operator as the outside world sees one: REST with a bearer token, and a socket.io-client. */
import { io, type Socket } from 'socket.io-client';
import type { ConversationDto, MessageDto } from '../../engine/contracts/conversation.ts';
import type { LoginResponse } from '../../engine/contracts/rest.ts';
import type { ClientToServerEvents, ServerToClientEvents, SessionEndReason, TypingEvent } from '../../engine/contracts/socket-events.ts';
import { waitFor } from './wait-for.ts';

export interface ApiResponse<T> {
  status: number;
  body: T;
}

export class OperatorClient {
  readonly conversationsSeen: ConversationDto[] = [];
  readonly messagesSeen: MessageDto[] = [];
  readonly messageUpdates: MessageDto[] = [];
  readonly sessionEnds: SessionEndReason[] = [];
  readonly typingSeen: TypingEvent[] = [];
  /** one entry per (re)connection: whether Socket.IO recovered the session and replayed missed events */
  readonly connections: { recovered: boolean }[] = [];
  socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly login: LoginResponse,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<OperatorClient> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const login = (await response.json()) as LoginResponse;
    return new OperatorClient(baseUrl, login.accessToken, login);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /**
   * Connects the socket and records every event it receives. `url`: connect elsewhere (a proxy);
   * `reconnect`: reconnect by itself after a drop, quickly, as the studio does.
   */
  async connect(options: { url?: string; reconnect?: boolean } = {}): Promise<void> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(options.url ?? this.baseUrl, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: options.reconnect ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    socket.on('connect', () => this.connections.push({ recovered: socket.recovered }));
    socket.on('conversation:updated', (c) => this.conversationsSeen.push(c));
    socket.on('message:new', (m) => this.messagesSeen.push(m));
    socket.on('message:updated', (m) => this.messageUpdates.push(m));
    socket.on('session:ended', (event) => this.sessionEnds.push(event.reason));
    socket.on('typing', (event) => this.typingSeen.push(event));
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  waitForMessage(predicate: (m: MessageDto) => boolean, what: string, timeoutMs?: number): Promise<MessageDto> {
    return waitFor(() => this.messagesSeen.find(predicate), what, timeoutMs);
  }

  waitForConversation(predicate: (c: ConversationDto) => boolean, what: string, timeoutMs?: number): Promise<ConversationDto> {
    return waitFor(() => this.conversationsSeen.find(predicate), what, timeoutMs);
  }

  close(): void {
    this.socket?.close();
  }
}
