/**
 * The operators' live channel. Every signed-in operator's socket is in the operators room and its
 * own operator's room, supervisors' and admins' also in the supervisors room, and a socket that opened
 * a conversation in that conversation's room (typing indicators too). Who hears what is decided in
 * services/realtime/inbox-publisher.ts; here recipients only become rooms. A socket without a valid
 * token is refused.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../contracts/socket-events.ts';
import type { Logger } from '../../logger.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import type { OperatorChannel, Recipients } from '../../services/realtime/operator-channel.ts';

export type BatonSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const OPERATORS_ROOM = 'operators';
const SUPERVISORS_ROOM = 'supervisors';
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
): { io: BatonSocketServer; channel: OperatorChannel } {
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
    const supervising = socket.data.role === 'admin' || socket.data.role === 'supervisor';
    void socket.join([OPERATORS_ROOM, operatorRoom(socket.data.operatorId), ...(supervising ? [SUPERVISORS_ROOM] : [])]);
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

  const to = (recipients: Recipients) => {
    switch (recipients.to) {
      case 'everyone':
        return io.to(OPERATORS_ROOM);
      case 'supervisors':
        return io.to(SUPERVISORS_ROOM);
      case 'working':
        return io.to([SUPERVISORS_ROOM, operatorRoom(recipients.operatorId), conversationRoom(recipients.conversationId)]);
    }
  };
  const channel: OperatorChannel = {
    conversation: (recipients, conversation) => to(recipients).emit('conversation:updated', conversation),
    message: (recipients, event, message) => to(recipients).emit(event, message),
    activity: (activity) => io.to(OPERATORS_ROOM).emit('conversations:activity', activity),
  };
  return { io, channel };
}
