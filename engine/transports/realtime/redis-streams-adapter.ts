/**
 * Socket.IO across engines (REDIS_URL): every broadcast goes through one Redis stream that all
 * engines read, so an operator connected anywhere sees every change. The stream also backs
 * connection state recovery: a socket that reconnects, to this engine or another, within two minutes
 * is sent the packets it missed (as long as the stream, capped at `maxLen` entries, still holds them).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient, RedisConnection } from '../../store/redis.ts';

/**
 * The adapter makes its reader and subscriber connections with `duplicate()`; they come from the
 * engine's Redis connection here, so that closing it closes them too (a reader blocked on the stream
 * while Redis was away would otherwise reconnect forever after shutdown). Three of the adapter's habits
 * are made harmless:
 * - it never handles the promise of its SUBSCRIBE, nor of the PUBLISH that carries a server-side emit
 *   (io.serverSideEmit, which the live analytics cards use): a Redis connection reset before the answer
 *   would reject it unhandled, which ends the process. The client subscribes again when Redis is back; a
 *   server-side emit lost meanwhile is only a notice, and the next change sends another;
 * - it disconnects its connections when it closes, which throws for one the engine closed first.
 */
function adapterClient(connection: RedisConnection): RedisClient {
  return new Proxy(connection.client, {
    get(target, property) {
      if (property === 'duplicate') {
        return () => {
          const duplicate = connection.duplicate();
          handleRejections(duplicate, 'subscribe');
          const disconnect = duplicate.disconnect.bind(duplicate);
          Reflect.set(duplicate, 'disconnect', () => (duplicate.isOpen ? disconnect() : Promise.resolve()));
          return duplicate;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'publish' && typeof value === 'function') return withRejectionHandled(value.bind(target));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** `fn`, whose promise gets a handler at once; callers that chain on it still see its rejection */
function withRejectionHandled(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => {
    const answer = fn(...args);
    if (answer instanceof Promise) answer.catch(() => undefined);
    return answer;
  };
}

function handleRejections(client: RedisClient, method: string): void {
  const fn: unknown = Reflect.get(client, method);
  if (typeof fn === 'function') Reflect.set(client, method, withRejectionHandled((...args) => Reflect.apply(fn, client, args)));
}

export function redisStreamsAdapter(connection: RedisConnection, keyPrefix: string): ReturnType<typeof createAdapter> {
  return createAdapter(adapterClient(connection), {
    streamName: `${keyPrefix}socket.io`,
    channelPrefix: `${keyPrefix}socket.io`,
    sessionKeyPrefix: `${keyPrefix}sio:session:`,
    // our events are JSON: no need to look for binary attachments in each one
    onlyPlaintext: true,
  });
}
