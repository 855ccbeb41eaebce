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
  /** another connection like `client` (Socket.IO's stream reader and subscriber), closed with the rest */
  duplicate(): RedisClient;
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

/**
 * node-redis opens a reconnect's next socket without looking whether the client was closed meanwhile,
 * so a client closed during that attempt keeps the new socket open (and the process alive). This
 * follows the attempts so that a client is closed when it is ready or waiting between two attempts.
 */
class ReconnectAttempts {
  private connecting = true;
  private wake: (() => void) | null = null;

  constructor(client: RedisClient) {
    client.on('reconnecting', () => (this.connecting = true));
    client.on('ready', () => this.settle());
    // a failed attempt is followed by a wait; a socket error on a ready client by 'reconnecting' at once
    client.on('error', () => this.settle());
  }

  /** resolves when no attempt is in flight, or after `ms` */
  async between(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.connecting && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private settle(): void {
    this.connecting = false;
    this.wake?.();
  }
}

/** a graceful close waits for queued commands, which never come back while Redis is down: bounded */
async function closeClient(client: RedisClient, attempts: ReconnectAttempts, graceful: boolean): Promise<void> {
  await attempts.between(CLOSE_WAIT_MS);
  if (!client.isOpen) return;
  if (!graceful) {
    client.destroy();
    return;
  }
  try {
    await connectWithin(client.close(), CLOSE_WAIT_MS, 'redis close');
  } catch {
    // closing failed (Redis away) or the client closed meanwhile: drop whatever is left
    if (client.isOpen) client.destroy();
  }
}

const CLOSE_WAIT_MS = 2_000;

export async function openRedis(url: string, logger: Logger, connectTimeoutMs = 10_000): Promise<RedisConnection> {
  const client: RedisClient = createClient({ url, commandsQueueMaxLength: OFFLINE_QUEUE_MAX });
  const counters: RedisClient = createClient({ url, disableOfflineQueue: true });
  const attempts = new Map<RedisClient, ReconnectAttempts>([client, counters].map((c) => [c, new ReconnectAttempts(c)]));
  watch(client, logger, 'shared');
  watch(counters, logger, 'counters');
  try {
    await connectWithin(Promise.all([client.connect(), counters.connect()]), connectTimeoutMs, 'REDIS_URL');
  } catch (error) {
    client.destroy();
    counters.destroy();
    throw error;
  }
  const duplicates = new Set<RedisClient>();
  return {
    client,
    counters,
    duplicate() {
      const duplicate = client.duplicate();
      attempts.set(duplicate, new ReconnectAttempts(duplicate));
      duplicates.add(duplicate);
      return duplicate;
    },
    async ping() {
      try {
        return (await connectWithin(counters.ping(), 2_000, 'redis ping')) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([
        // readers block on the stream: a graceful close would wait for a command nobody awaits any more
        ...[...duplicates].map((d) => closeClient(d, attempts.get(d)!, false)),
        ...[client, counters].map((c) => closeClient(c, attempts.get(c)!, true)),
      ]);
    },
  };
}
