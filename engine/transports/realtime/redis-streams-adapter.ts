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
 * while Redis was away would otherwise reconnect forever after shutdown). Two of the adapter's habits
 * are made harmless:
 * - it never handles the promise of its SUBSCRIBE: a Redis connection reset before the subscription is
 *   answered would reject it unhandled, which ends the process. The client subscribes again when Redis
 *   is back; its failure meanwhile is not the engine's;
 * - it disconnects its connections when it closes, which throws for one the engine closed first.
 */
function adapterClient(connection: RedisConnection): RedisClient {
  return new Proxy(connection.client, {
    get(target, property) {
      if (property === 'duplicate') {
        return () => {
          const duplicate = connection.duplicate();
          const subscribe: unknown = Reflect.get(duplicate, 'subscribe');
          if (typeof subscribe === 'function') {
            Reflect.set(duplicate, 'subscribe', (...subscribeArgs: unknown[]) => {
              const subscribed: unknown = Reflect.apply(subscribe, duplicate, subscribeArgs);
              if (subscribed instanceof Promise) subscribed.catch(() => undefined);
              return subscribed;
            });
          }
          const disconnect = duplicate.disconnect.bind(duplicate);
          Reflect.set(duplicate, 'disconnect', () => (duplicate.isOpen ? disconnect() : Promise.resolve()));
          return duplicate;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
