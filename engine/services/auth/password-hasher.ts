/**
 * Hashing a password costs ~50 ms of a core and 19 MiB. Sign-in must not starve webhooks and the inbox of
 * either: at most `concurrency` hashes run at once, at most `queueMax` wait, and beyond that sign-in answers
 * 503 with Retry-After instead of queueing without bound (a flood of logins degrades logins only).
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { UserError } from '../../errors.ts';
import { hashPassword, verifyPassword } from './password.ts';

export interface PasswordHasherOptions {
  concurrency: number;
  queueMax: number;
}

export class PasswordHasher {
  private readonly limit: LimitFunction;

  constructor(private readonly options: PasswordHasherOptions) {
    this.limit = pLimit(options.concurrency);
  }

  hash(password: string): Promise<string> {
    return this.run(() => hashPassword(password));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.run(() => verifyPassword(password, stored));
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.pendingCount >= this.options.queueMax) {
      return Promise.reject(new UserError(503, 'busy', 'Too many sign-ins at once: try again in a moment', {}, { 'retry-after': '1' }));
    }
    return this.limit(work);
  }
}
