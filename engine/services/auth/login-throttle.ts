/**
 * Slows password guessing, with rate-limiter-flexible (counters in Redis when engines share one, so guesses
 * spread over instances add up; in memory otherwise, and in memory as the fallback while Redis is away):
 * - per account, from any address: after `maxFailures` wrong sign-ins in a row the account waits 30 s,
 *   then twice as long after each further failure, up to the window (growing backoff). A right password
 *   clears it. This caps guesses per account at about a hundred a day however many addresses try.
 * - per address, over all accounts: `maxFailures` x 5 wrong sign-ins in the window block the address for it.
 * - globally: password hashes are capped by PasswordHasher.
 * The address is the peer's, or the proxy's report of it only when BATON_TRUST_PROXY says to believe it.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { tooManyRequests } from '../../errors.ts';
import type { RedisClient } from '../../store/redis.ts';

export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  /** counters shared by engines; null: this engine's memory */
  redis: { client: RedisClient; keyPrefix: string } | null;
  /** the first wait once an account reached maxFailures (default 30 s); doubled after each further failure */
  firstBackoffSeconds?: number;
}

/** failures per address over all accounts, as a multiple of the per-account limit */
const ADDRESS_FACTOR = 5;
const FIRST_BACKOFF_SECONDS = 30;
const DAY_SECONDS = 86_400;

function limiter(options: LoginThrottleOptions, name: string, points: number, duration: number, blockDuration = 0): RateLimiterAbstract {
  const settings = { keyPrefix: `login-${name}`, points, duration, blockDuration };
  const memory = new RateLimiterMemory(settings);
  if (!options.redis) return memory;
  return new RateLimiterRedis({
    ...settings,
    keyPrefix: `${options.redis.keyPrefix}login-${name}`,
    storeClient: options.redis.client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

const accountKey = (email: string) => email.trim().toLowerCase();

export class LoginThrottle {
  private readonly accountFailures: RateLimiterAbstract;
  private readonly accountBlocks: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;
  private readonly windowSeconds: number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.windowSeconds = Math.max(1, Math.round(options.windowMs / 1000));
    // consecutive failures are remembered for a day, so the backoff keeps growing across windows
    this.accountFailures = limiter(options, 'account-failures', Number.MAX_SAFE_INTEGER, DAY_SECONDS);
    this.accountBlocks = limiter(options, 'account-blocks', 1, 1);
    this.addressFailures = limiter(options, 'address-failures', options.maxFailures * ADDRESS_FACTOR, this.windowSeconds, this.windowSeconds);
  }

  /** 429 with Retry-After while the account or the address must wait. */
  async check(email: string, address: string): Promise<void> {
    const [block, addressUse] = await Promise.all([this.accountBlocks.get(accountKey(email)), this.addressFailures.get(address)]);
    // a blocked account holds more points than its limit until the block ends; an address waits once it used them all
    const waits: number[] = [];
    if (block && block.consumedPoints > 1) waits.push(block.msBeforeNext);
    if (addressUse && addressUse.consumedPoints >= this.options.maxFailures * ADDRESS_FACTOR) waits.push(addressUse.msBeforeNext);
    if (waits.length === 0) return;
    throw tooManyRequests('Too many failed sign-ins: wait a few minutes and try again', Math.max(...waits) / 1000);
  }

  async failed(email: string, address: string): Promise<void> {
    const key = accountKey(email);
    const failures = (await this.accountFailures.consume(key)).consumedPoints;
    if (failures >= this.options.maxFailures) {
      const first = this.options.firstBackoffSeconds ?? FIRST_BACKOFF_SECONDS;
      const backoff = Math.min(Math.max(this.windowSeconds, first), first * 2 ** (failures - this.options.maxFailures));
      await this.accountBlocks.block(key, backoff);
    }
    try {
      await this.addressFailures.consume(address);
    } catch (error) {
      // over the limit: the address is now blocked for the window, which check() reports
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }

  async succeeded(email: string): Promise<void> {
    const key = accountKey(email);
    await Promise.all([this.accountFailures.delete(key), this.accountBlocks.delete(key)]);
  }
}
