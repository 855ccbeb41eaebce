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
    public token: string,
    readonly login: LoginResponse,
    /** the refresh cookie (`baton_refresh=...`) as a browser would send it back */
    public refreshCookie: string | null,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string, extra: { otp?: string; recoveryCode?: string } = {}): Promise<OperatorClient> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, ...extra }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const login = (await response.json()) as LoginResponse;
    return new OperatorClient(baseUrl, login.accessToken, login, refreshCookieOf(response));
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** POST /api/auth/refresh with the cookie held; on 200 the new access token and cookie replace the old */
  async refresh(active = true): Promise<ApiResponse<LoginResponse>> {
    const response = await fetch(`${this.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.refreshCookie ? { cookie: this.refreshCookie } : {}) },
      body: JSON.stringify({ active }),
    });
    const body = (await response.json()) as LoginResponse;
    if (response.status === 200) {
      this.token = body.accessToken;
      this.refreshCookie = refreshCookieOf(response);
    }
    return { status: response.status, body };
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

/** `baton_refresh=<token>` from a response's Set-Cookie, or null when it set none (or cleared it) */
export function refreshCookieOf(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('baton_refresh='));
  const pair = cookie?.split(';')[0] ?? '';
  return pair.length > 'baton_refresh='.length ? pair : null;
}
