import type { RedisClient } from '../redis.ts';
import type { RateCount, RateCounters } from './rate-counters.ts';

/**
 * Counters every engine shares, in Redis: a key per window whose TTL is the window. SET NX PX opens
 * the window, INCR keeps the TTL, all in one MULTI so two engines counting at once never lose a hit.
 */
export class RedisRateCounters implements RateCounters {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowMs: number): Promise<RateCount> {
    const name = this.name(key);
    const [, count, ttl] = await this.redis.multi().set(name, 0, { NX: true, PX: windowMs }).incr(name).pTTL(name).exec();
    return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
  }

  async peek(key: string): Promise<RateCount> {
    const name = this.name(key);
    const [count, ttl] = await this.redis.multi().get(name).pTTL(name).exec();
    return count === null || count === undefined ? { count: 0, resetInMs: 0 } : { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.name(key));
  }

  private name(key: string): string {
    return `${this.prefix}rate:${key}`;
  }
}
