import type { LineClient } from '../../line/line-client.ts';

/** LINE's own quota figures as last read, and how that reading went. */
export interface LineQuotaFigures {
  limit: number | null;
  totalUsage: number;
  /** when LINE answered with them */
  checkedAt: number;
}

/**
 * The last figures LINE gave for the quota, read from its two endpoints together. A failed read keeps the
 * figures it had (with their age) and says so: a dashboard with yesterday's number beats one with none.
 */
export class LineQuotaReader {
  #figures: LineQuotaFigures | null = null;
  #lastFailedAt: number | null = null;
  #lastAttemptAt: number | null = null;
  #reading: Promise<void> | null = null;

  constructor(
    private readonly line: Pick<LineClient, 'getMessageQuota' | 'getMessageQuotaConsumption'>,
    private readonly now: () => number,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  get figures(): LineQuotaFigures | null {
    return this.#figures;
  }

  /** when LINE was last asked (answered or not); null if never */
  get lastAttemptAt(): number | null {
    return this.#lastAttemptAt;
  }

  /** true when the last read failed after the figures kept were read */
  get failedSince(): boolean {
    return this.#lastFailedAt !== null && (this.#figures === null || this.#lastFailedAt >= this.#figures.checkedAt);
  }

  /** reads both endpoints; callers at the same time share one read */
  read(): Promise<void> {
    this.#reading ??= this.#read().finally(() => {
      this.#reading = null;
    });
    return this.#reading;
  }

  async #read(): Promise<void> {
    this.#lastAttemptAt = this.now();
    try {
      const [quota, totalUsage] = await Promise.all([this.line.getMessageQuota(), this.line.getMessageQuotaConsumption()]);
      this.#figures = { limit: quota.limit, totalUsage, checkedAt: this.now() };
    } catch (error) {
      this.#lastFailedAt = this.now();
      this.onFailure(error);
    }
  }
}
