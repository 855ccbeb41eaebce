/**
 * Slows password guessing: after `maxFailures` wrong logins for one email from one address within
 * the window, further attempts get 429 until the window ends. A right password clears the count.
 * The counters live in Redis when engines share one (so guesses spread over instances add up), else
 * in memory. If Redis cannot be reached the throttle lets logins through rather than locking
 * everyone out, and says so in the log.
 */
import { tooManyRequests, UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { RateCounters } from '../../store/counters/rate-counters.ts';

export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
}

export class LoginThrottle {
  constructor(
    private readonly counters: RateCounters,
    private readonly options: LoginThrottleOptions,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs one login attempt under the throttle.
   * @example ctx.body = await throttle.guard(email, ctx.ip, () => auth.login(email, password));
   */
  async guard<T>(email: string, address: string, attempt: () => Promise<T>): Promise<T> {
    const key = `login:${email.trim().toLowerCase()}|${address}`;
    const seen = await this.safely(() => this.counters.peek(key));
    if (seen && seen.count >= this.options.maxFailures) {
      throw tooManyRequests('Too many failed sign-ins: wait a few minutes and try again', seen.resetInMs / 1000);
    }
    try {
      const result = await attempt();
      await this.safely(() => this.counters.reset(key));
      return result;
    } catch (error) {
      if (error instanceof UserError && error.status === 401) await this.safely(() => this.counters.hit(key, this.options.windowMs));
      throw error;
    }
  }

  private async safely<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'login throttle unavailable, not limiting');
      return null;
    }
  }
}
