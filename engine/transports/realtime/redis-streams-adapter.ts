/**
 * Socket.IO across engines (REDIS_URL): every broadcast goes through one Redis stream that all
 * engines read, so an operator connected anywhere sees every change. The stream also backs
 * connection state recovery: a socket that reconnects, to this engine or another, within two minutes
 * is sent the packets it missed (as long as the stream, capped at `maxLen` entries, still holds them).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient } from '../../store/redis.ts';

export function redisStreamsAdapter(client: RedisClient, keyPrefix: string): ReturnType<typeof createAdapter> {
  return createAdapter(client, {
    streamName: `${keyPrefix}socket.io`,
    channelPrefix: `${keyPrefix}socket.io`,
    sessionKeyPrefix: `${keyPrefix}sio:session:`,
    // our events are JSON: no need to look for binary attachments in each one
    onlyPlaintext: true,
  });
}
