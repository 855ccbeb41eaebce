/**
 * The operators' live channel. Every signed-in operator hears every conversation and message change;
 * conversation rooms carry typing indicators. A socket without a valid token is refused.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../contracts/socket-events.ts';
import type { Logger } from '../../logger.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { RealtimePublisher } from '../../services/realtime/realtime-publisher.ts';

export type BatonSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const OPERATORS_ROOM = 'operators';
const conversationRoom = (id: string) => `conversation:${id}`;
const operatorRoom = (id: string) => `operator:${id}`;

export interface SocketGatewayOptions {
  /** shares rooms and broadcasts between engines (the Redis Streams adapter); unset: in memory, one engine */
  adapter?: ServerOptions['adapter'];
  /** an operator's socket closed; `remaining` counts their sockets still open on any engine */
  onOperatorLeft?: (operatorId: string, remaining: () => Promise<number>) => void;
}

/** How long a dropped operator's session and missed events are kept for it to reconnect (anywhere). */
const RECOVERY_WINDOW_MS = 2 * 60_000;

export function attachSocketGateway(
  httpServer: HttpServer,
  auth: AuthService,
  logger: Logger,
  options: SocketGatewayOptions = {},
): { io: BatonSocketServer; publisher: RealtimePublisher } {
  const io: BatonSocketServer = new Server(httpServer, {
    serveClient: false,
    ...(options.adapter
      ? {
          adapter: options.adapter,
          // the token is checked again on a recovered connection: it may have expired meanwhile
          connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
        }
      : {}),
  });

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth.token;
    try {
      const claims = auth.authenticate(typeof token === 'string' ? token : undefined);
      socket.data = { operatorId: claims.sub, name: claims.name, role: claims.role };
      next();
    } catch {
      const error = new Error('unauthorized') as Error & { data?: unknown };
      error.data = { code: 'unauthorized', message: 'Sign in again: the token is missing, invalid or expired' };
      next(error);
    }
  });

  io.on('connection', (socket) => {
    void socket.join([OPERATORS_ROOM, operatorRoom(socket.data.operatorId)]);
    socket.on('disconnect', () => {
      const room = operatorRoom(socket.data.operatorId);
      options.onOperatorLeft?.(socket.data.operatorId, async () => (await io.in(room).fetchSockets()).length);
    });
    socket.on('conversation:join', (id) => {
      if (typeof id === 'string') void socket.join(conversationRoom(id));
    });
    socket.on('conversation:leave', (id) => {
      if (typeof id === 'string') void socket.leave(conversationRoom(id));
    });
    socket.on('typing', (event) => {
      if (typeof event?.conversationId !== 'string') return;
      socket.to(conversationRoom(event.conversationId)).emit('typing', {
        conversationId: event.conversationId,
        operatorId: socket.data.operatorId,
        name: socket.data.name,
      });
    });
    logger.debug({ operatorId: socket.data.operatorId, recovered: socket.recovered }, 'operator connected');
  });

  const publisher: RealtimePublisher = {
    conversationUpdated: (conversation) => io.to(OPERATORS_ROOM).emit('conversation:updated', conversation),
    messageNew: (message) => io.to(OPERATORS_ROOM).emit('message:new', message),
    messageUpdated: (message) => io.to(OPERATORS_ROOM).emit('message:updated', message),
  };
  return { io, publisher };
}
