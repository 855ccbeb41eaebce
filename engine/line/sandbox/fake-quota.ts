import type { ApiAnswer } from './fake-line-types.ts';

/**
 * LINE's monthly message quota as the fake keeps it: a limit (null: none) and the month's consumption,
 * which every accepted push adds one to (LINE counts a push per recipient, however many message objects
 * it carries; replies are free). Tests set the figures with FakeLinePlatform.setQuota.
 */
export class FakeQuota {
  limit: number | null = 500;
  totalUsage = 0;

  set(figures: { limit?: number | null; totalUsage?: number }): void {
    if (figures.limit !== undefined) this.limit = figures.limit;
    if (figures.totalUsage !== undefined) this.totalUsage = figures.totalUsage;
  }

  /** GET /v2/bot/message/quota */
  quota(): ApiAnswer {
    return { status: 200, body: this.limit === null ? { type: 'none' } : { type: 'limited', value: this.limit } };
  }

  /** GET /v2/bot/message/quota/consumption */
  consumption(): ApiAnswer {
    return { status: 200, body: { totalUsage: this.totalUsage } };
  }
}
