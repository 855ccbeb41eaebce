/**
 * The operators' live channel. Every signed-in operator hears every conversation and message change;
 * conversation rooms carry typing indicators. A socket without a valid token is refused.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../contracts/socket-events.ts';
import type { Logger } from '../../logger.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { RealtimePublisher } from '../../services/realtime/realtime-publisher.ts';

export type BatonSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const OPERATORS_ROOM = 'operators';
const conversationRoom = (id: string) => `conversation:${id}`;

export function attachSocketGateway(httpServer: HttpServer, auth: AuthService, logger: Logger): { io: BatonSocketServer; publisher: RealtimePublisher } {
  const io: BatonSocketServer = new Server(httpServer, { serveClient: false });

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
    void socket.join(OPERATORS_ROOM);
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
    logger.debug({ operatorId: socket.data.operatorId }, 'operator connected');
  });

  const publisher: RealtimePublisher = {
    conversationUpdated: (conversation) => io.to(OPERATORS_ROOM).emit('conversation:updated', conversation),
    messageNew: (message) => io.to(OPERATORS_ROOM).emit('message:new', message),
    messageUpdated: (message) => io.to(OPERATORS_ROOM).emit('message:updated', message),
  };
  return { io, publisher };
}
