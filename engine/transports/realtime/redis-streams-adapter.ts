/**
 * Socket.IO across engines (REDIS_URL): every broadcast goes through one Redis stream that all
 * engines read, so an operator connected anywhere sees every change. The stream also backs
 * connection state recovery: a socket that reconnects, to this engine or another, within two minutes
 * is sent the packets it missed (as long as the stream, capped at `maxLen` entries, still holds them).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient } from '../../store/redis.ts';

/**
 * The adapter subscribes on a duplicate of the client and never handles that promise: a Redis connection
 * reset before the subscription is answered then rejects it unhandled, which ends the process. The
 * subscription is made again by the client when Redis is back; its failure meanwhile is not the engine's.
 */
function quietSubscriptions(client: RedisClient): RedisClient {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'duplicate') {
        return (...args: Parameters<RedisClient['duplicate']>) => {
          const duplicate = target.duplicate(...args);
          const subscribe: unknown = Reflect.get(duplicate, 'subscribe');
          if (typeof subscribe === 'function') {
            Reflect.set(duplicate, 'subscribe', (...subscribeArgs: unknown[]) => {
              const subscribed: unknown = Reflect.apply(subscribe, duplicate, subscribeArgs);
              if (subscribed instanceof Promise) subscribed.catch(() => undefined);
              return subscribed;
            });
          }
          return duplicate;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function redisStreamsAdapter(client: RedisClient, keyPrefix: string): ReturnType<typeof createAdapter> {
  return createAdapter(quietSubscriptions(client), {
    streamName: `${keyPrefix}socket.io`,
    channelPrefix: `${keyPrefix}socket.io`,
    sessionKeyPrefix: `${keyPrefix}sio:session:`,
    // our events are JSON: no need to look for binary attachments in each one
    onlyPlaintext: true,
  });
}
