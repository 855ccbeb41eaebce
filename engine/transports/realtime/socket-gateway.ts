/**
 * The operators' live channel. Every signed-in socket is in the operators room, its operator's room and its
 * session's room; supervisors' and admins' also in the supervisors room; a socket that opened a conversation
 * (allowed as reading it over REST is) in that conversation's room. Who hears what is decided in
 * services/realtime/inbox-publisher.ts; here recipients only become rooms. Each socket is checked like a REST
 * request when it connects (token and session), is ended with `session:ended` when its token expires or its
 * session ends, and is refused when it comes from a page of another site. The dashboard's live cards
 * ('analytics:live') go to this engine's supervisors and admins only: each engine computes them for its own
 * (services/realtime/analytics-publisher.ts), told of changes seen on other engines by a server-side event.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, JoinAnswer, ServerToClientEvents, SessionEndReason, SocketData } from '../../contracts/socket-events.ts';
import { isUnreachable } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { oversees } from '../../services/auth/permissions.ts';
import type { Actor, Principal } from '../../services/auth/principal.ts';
import type { SessionService, SessionSockets } from '../../services/auth/session.service.ts';
import type { AnalyticsChannel } from '../../services/realtime/analytics-publisher.ts';
import type { OperatorChannel, Recipients } from '../../services/realtime/operator-channel.ts';

/** between engines (through the adapter), never to or from a client */
interface InterServerEvents {
  /** something that moves the live cards happened on the engine that sends it */
  'analytics:changed': () => void;
}

export type BatonSocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const OPERATORS_ROOM = 'operators';
const SUPERVISORS_ROOM = 'supervisors';
const conversationRoom = (id: string) => `conversation:${id}`;
/** those limited to LINE channels are in these instead of the operators and supervisors rooms */
const channelOperatorsRoom = (channelId: string) => `operators@${channelId}`;
const channelSupervisorsRoom = (channelId: string) => `supervisors@${channelId}`;
const operatorRoom = (id: string) => `operator:${id}`;
const sessionRoom = (id: string) => `session:${id}`;

export interface SocketGatewayOptions {
  /** shares rooms and broadcasts between engines (the Redis Streams adapter); unset: in memory, one engine */
  adapter?: ServerOptions['adapter'];
  /** BATON_PUBLIC_URL's origin: pages from there (or from the host the request names) may connect */
  publicOrigin: string;
  /** how many proxies to believe about the client's address (BATON_TRUST_PROXY) */
  trustedProxies: number;
  /** may this operator open this conversation live (as GET /api/conversations/:id)? */
  conversationAccess: (conversationId: string, actor: Actor) => Promise<JoinAnswer>;
  /** the engine's clock (tokens expire by it) */
  now: () => number;
  /** an operator's socket closed; `remaining` counts their sockets still open on any engine */
  onOperatorLeft?: (operatorId: string, remaining: () => Promise<number>) => void;
  /** another engine saw a change that moves the live cards */
  onAnalyticsChangedElsewhere?: () => void;
  /** an operator was let into a conversation's room: they opened its thread (LINE read receipts) */
  onConversationOpened?: (conversationId: string, operatorId: string) => void;
  /** an operator in a conversation's room is typing (LINE's loading animation) */
  onTyping?: (conversationId: string, operatorId: string) => void;
}

/**
 * What the client's connect_error carries when the server refuses the socket (Socket.IO passes `data` on):
 * `unauthorized` (sign in again) or `unavailable` (the database cannot be reached: try again shortly).
 */
class SocketRefused extends Error {
  readonly data: { code: 'unauthorized' | 'unavailable'; message: string };
  constructor(code: 'unauthorized' | 'unavailable' = 'unauthorized') {
    super(code);
    this.data =
      code === 'unavailable'
        ? { code, message: 'The server cannot check the session right now: try again shortly' }
        : { code, message: 'Sign in again: the token is missing, invalid or expired, or the session ended' };
  }
}

/**
 * How often this engine's sockets are checked against their sessions: what the REST API refuses at once
 * (a session ended by the command line, by an engine without Redis between them) ends the socket by then.
 * Changes made through the API end sockets at once, on every engine.
 */
const RECHECK_MS = 30_000;

/** How long a dropped operator's session and missed events are kept for it to reconnect (anywhere). */
const RECOVERY_WINDOW_MS = 2 * 60_000;

/** A browser page of another site must not open an operator's socket (it would carry no token, but say no first). */
function sameSite(request: IncomingMessage, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (origin === publicOrigin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** the client's address as HTTP sees it: the peer, or the proxies' report of it when they are trusted */
function addressOf(request: IncomingMessage, trustedProxies: number): string | null {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustedProxies > 0 && typeof forwarded === 'string') {
    const hops = forwarded.split(',').map((hop) => hop.trim()).filter(Boolean);
    const client = hops[Math.max(0, hops.length - trustedProxies)];
    if (client) return client;
  }
  return request.socket.remoteAddress ?? null;
}

export function attachSocketGateway(
  httpServer: HttpServer,
  sessions: SessionService,
  logger: Logger,
  options: SocketGatewayOptions,
): { io: BatonSocketServer; channel: OperatorChannel; sockets: SessionSockets; analytics: AnalyticsChannel } {
  const io: BatonSocketServer = new Server(httpServer, {
    serveClient: false,
    allowRequest: (request, answer) => answer(null, sameSite(request, options.publicOrigin)),
    ...(options.adapter
      ? {
          adapter: options.adapter,
          // the token is checked again on a recovered connection: it may have expired meanwhile
          connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
        }
      : {}),
  });
  const expiryTimers = new Map<string, NodeJS.Timeout>();

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth.token;
    let principal: Principal;
    try {
      principal = await sessions.authenticate(typeof token === 'string' ? token : undefined, addressOf(socket.request, options.trustedProxies));
    } catch (error) {
      next(new SocketRefused(isUnreachable(error) ? 'unavailable' : 'unauthorized'));
      return;
    }
    // a session that may only change its password or enrol in MFA has no inbox yet
    if (principal.restriction) {
      next(new SocketRefused());
      return;
    }
    socket.data = { operatorId: principal.operatorId, sessionId: principal.sessionId, name: principal.name, role: principal.role, channels: principal.channels };
    // a socket lives no longer than the token it was opened with: the studio refreshes and reconnects
    expiryTimers.set(
      socket.id,
      setTimeout(() => {
        socket.emit('session:ended', { reason: 'token_expired' });
        socket.disconnect(true);
      }, Math.max(0, principal.tokenExpiresAt - options.now())).unref(),
    );
    next();
  });

  io.on('connection', (socket) => {
    const { operatorId, sessionId, role, channels } = socket.data;
    const actor: Actor = { operatorId, role, channels };
    const supervises = oversees(actor.role);
    const everyone = channels === null ? [OPERATORS_ROOM, ...(supervises ? [SUPERVISORS_ROOM] : [])] : channels.flatMap((c) => [channelOperatorsRoom(c), ...(supervises ? [channelSupervisorsRoom(c)] : [])]);
    void socket.join([...everyone, operatorRoom(operatorId), sessionRoom(sessionId)]);
    socket.on('disconnect', () => {
      clearTimeout(expiryTimers.get(socket.id));
      expiryTimers.delete(socket.id);
      options.onOperatorLeft?.(operatorId, async () => (await io.in(operatorRoom(operatorId)).fetchSockets()).length);
    });
    socket.on('conversation:join', (id, ack) => {
      if (typeof id !== 'string') return;
      options.conversationAccess(id, actor).then(
        (answer) => {
          if (answer.ok) {
            void socket.join(conversationRoom(id));
            options.onConversationOpened?.(id, operatorId);
          }
          if (typeof ack === 'function') ack(answer);
        },
        (error: unknown) => logger.warn({ error: String(error) }, 'conversation:join check failed'),
      );
    });
    socket.on('conversation:leave', (id) => {
      if (typeof id === 'string') void socket.leave(conversationRoom(id));
    });
    socket.on('typing', (event) => {
      if (typeof event?.conversationId !== 'string') return;
      const room = conversationRoom(event.conversationId);
      // only from a socket that was allowed into the conversation
      if (!socket.rooms.has(room)) return;
      socket.to(room).emit('typing', { conversationId: event.conversationId, operatorId, name: socket.data.name });
      options.onTyping?.(event.conversationId, operatorId);
    });
    logger.debug({ operatorId, recovered: socket.recovered }, 'operator connected');
  });

  const recheck = setInterval(() => {
    const local = [...io.of('/').sockets.values()];
    if (local.length === 0) return;
    sessions.recheck(local.map((socket) => ({ sessionId: socket.data.sessionId, role: socket.data.role }))).then(
      (ended) => {
        for (const socket of local) {
          const reason = ended.get(socket.data.sessionId);
          if (reason === undefined || !socket.connected) continue;
          socket.emit('session:ended', { reason });
          socket.disconnect(true);
        }
      },
      (error: unknown) => logger.warn({ error: String(error) }, 'socket session re-check failed'),
    );
  }, RECHECK_MS).unref();
  httpServer.on('close', () => clearInterval(recheck));

  const roomsOf = (recipients: Recipients): string[] => {
    switch (recipients.to) {
      case 'everyone':
        return [OPERATORS_ROOM, channelOperatorsRoom(recipients.channelId)];
      case 'supervisors':
        return [SUPERVISORS_ROOM];
      case 'working':
        return [SUPERVISORS_ROOM, channelSupervisorsRoom(recipients.channelId), conversationRoom(recipients.conversationId), ...recipients.operatorIds.map(operatorRoom)];
    }
  };
  const rooms = io.of('/').adapter.rooms;
  /**
   * The recipients' rooms, or null when nobody is in them. Socket.IO encodes a packet before it looks for
   * sockets: with nobody connected (a bot answering at night) every message would be serialised for no
   * one. Only known on one engine: with an adapter, other engines' sockets may be in the rooms.
   */
  const heard = (recipients: Recipients): string[] | null => {
    const targets = roomsOf(recipients);
    return options.adapter || targets.some((room) => (rooms.get(room)?.size ?? 0) > 0) ? targets : null;
  };
  const channel: OperatorChannel = {
    conversation: (recipients, conversation) => {
      const targets = heard(recipients);
      if (targets) io.to(targets).emit('conversation:updated', conversation);
    },
    message: (recipients, event, message) => {
      const targets = heard(recipients);
      if (targets) io.to(targets).emit(event, message);
    },
    revisit: (conversationId) => {
      const room = conversationRoom(conversationId);
      // every engine's sockets in the room (through the adapter), each asked as conversation:join asks
      const leaveUnless = async (socket: { data: SocketData; leave(room: string): unknown }) => {
        const { operatorId, role, channels } = socket.data;
        if (!(await options.conversationAccess(conversationId, { operatorId, role, channels })).ok) socket.leave(room);
      };
      io.in(room)
        .fetchSockets()
        .then((sockets) => Promise.all(sockets.map(leaveUnless)))
        .catch((error: unknown) => logger.warn({ error: String(error) }, 'conversation room re-check failed'));
    },
  };
  const sockets: SessionSockets = {
    end(target, reason: SessionEndReason) {
      const rooms = 'operatorId' in target ? [operatorRoom(target.operatorId)] : target.sessionIds.map(sessionRoom);
      if (rooms.length === 0) return;
      io.to(rooms).emit('session:ended', { reason });
      io.in(rooms).disconnectSockets(true);
    },
  };
  const onAnalyticsChangedElsewhere = options.onAnalyticsChangedElsewhere;
  if (onAnalyticsChangedElsewhere) io.on('analytics:changed', () => onAnalyticsChangedElsewhere());
  const analytics: AnalyticsChannel = {
    listening: () => (io.of('/').adapter.rooms.get(SUPERVISORS_ROOM)?.size ?? 0) > 0,
    // each engine sends its own supervisors the cards it computed: through the adapter, every engine's
    // cards would reach every supervisor, once per engine
    send: (live) => io.local.to(SUPERVISORS_ROOM).emit('analytics:live', live),
    tellPeers: () => {
      if (options.adapter) io.serverSideEmit('analytics:changed');
    },
  };
  return { io, channel, sockets, analytics };
}
