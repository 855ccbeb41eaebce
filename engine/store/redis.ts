/**
 * Redis, when REDIS_URL is set: what engine instances share besides the database (the Socket.IO
 * stream and its recovery sessions, rate-limit counters). Two connections with different outage
 * behaviour:
 * - `client` queues commands while Redis is away (bounded), so live events are delayed, not lost,
 *   and the Socket.IO adapter's stream reader simply waits;
 * - `counters` fails at once, so a login check or /readyz never hangs on a Redis outage.
 */
import { createClient } from 'redis';
import type { Logger } from '../logger.ts';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnection {
  client: RedisClient;
  counters: RedisClient;
  /** true when Redis answers PING now */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Commands kept while Redis is unreachable before new ones fail (each is one live event). */
const OFFLINE_QUEUE_MAX = 10_000;

function connectWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function watch(client: RedisClient, logger: Logger, name: string): void {
  let down = false;
  // node-redis reconnects by itself; say so once per outage instead of once per attempt
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ connection: name, error: error.message }, 'redis unreachable, reconnecting');
  });
  client.on('ready', () => {
    if (down) logger.info({ connection: name }, 'redis reachable again');
    down = false;
  });
}

export async function openRedis(url: string, logger: Logger, connectTimeoutMs = 10_000): Promise<RedisConnection> {
  const client: RedisClient = createClient({ url, commandsQueueMaxLength: OFFLINE_QUEUE_MAX });
  const counters: RedisClient = createClient({ url, disableOfflineQueue: true });
  watch(client, logger, 'shared');
  watch(counters, logger, 'counters');
  try {
    await connectWithin(Promise.all([client.connect(), counters.connect()]), connectTimeoutMs, 'REDIS_URL');
  } catch (error) {
    client.destroy();
    counters.destroy();
    throw error;
  }
  return {
    client,
    counters,
    async ping() {
      try {
        return (await connectWithin(counters.ping(), 2_000, 'redis ping')) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      // a graceful close waits for queued commands, which never come back while Redis is down
      await Promise.all(
        [client, counters].map(async (c) => {
          if (!c.isOpen) return;
          try {
            await connectWithin(c.close(), 2_000, 'redis close');
          } catch {
            // closing failed (Redis away) or the client closed meanwhile: drop whatever is left
            if (c.isOpen) c.destroy();
          }
        }),
      );
    },
  };
}
