import { hexToken } from './fake-ids.ts';

interface IssuedToken {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/** Reply tokens as LINE treats them: issued with an event, usable once, and only for a while. */
export class ReplyTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(userId: string): string {
    const token = hexToken();
    this.tokens.set(token, { userId, issuedAt: this.now(), used: false });
    return token;
  }

  /** Uses the token up; null when it is unknown, already used or expired (LINE does not say which). */
  redeem(token: string): { userId: string } | null {
    const issued = this.tokens.get(token);
    if (!issued || issued.used || this.now() - issued.issuedAt > this.ttlMs) return null;
    issued.used = true;
    return { userId: issued.userId };
  }
}
