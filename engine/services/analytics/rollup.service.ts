/**
 * Writes finished days' rows into analytics_daily (docs/metrics.md, "Rollup"): each day computed from
 * the raw tables for [local midnight, next local midnight) and written in one transaction that
 * replaces the day's rows, so a rerun gives the same rows and a crash leaves the old day or the new.
 */
import { dayOf } from '../../domain/analytics/local-day.ts';
import { addDays, isoDate } from '../../domain/calendar/civil-date.ts';
import { parseCivilDate } from '../../domain/analytics/local-day.ts';
import { badRequest } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { daysOf, type DayRange } from './day-range.ts';
import type { DaySource } from './day-source.ts';

export interface RollupResult {
  days: number;
  rows: number;
}

export class RollupService {
  constructor(
    private readonly store: Store,
    private readonly source: DaySource,
    private readonly now: () => number,
  ) {}

  /** Rolls up each day of the range (all before today in the business time zone); stops between days when aborted. */
  async rollup(range: DayRange, signal?: AbortSignal): Promise<RollupResult> {
    const days = daysOf(range);
    const clock = await this.source.clock();
    const today = dayOf(this.now(), clock.timezone);
    if (range.to >= today) throw badRequest('bad_range', `to (${range.to}) must be before today (${today} in ${clock.timezone}): today is counted live, not rolled up`);
    const result: RollupResult = { days: 0, rows: 0 };
    for (const date of days) {
      if (signal?.aborted) break;
      const { all, teams, operators } = await this.source.compute(date, clock);
      const computedAt = this.now();
      const rows = [
        { dimension: 'all' as const, key: '', metrics: JSON.stringify(all), computed_at: computedAt },
        ...[...teams].map(([key, agg]) => ({ dimension: 'team' as const, key, metrics: JSON.stringify(agg), computed_at: computedAt })),
        ...[...operators].map(([key, agg]) => ({ dimension: 'operator' as const, key, metrics: JSON.stringify(agg), computed_at: computedAt })),
      ];
      await this.store.transaction((tx) => tx.analytics.replaceDay(isoDate(date), rows));
      result.days += 1;
      result.rows += rows.length;
    }
    return result;
  }

  /**
   * The nightly run: yesterday, and the days before it whose first contact resolution was still open
   * (1 + ceil(window / 24 h) days in all), since a day's FCR is final only once its window has passed.
   */
  async nightly(signal?: AbortSignal): Promise<RollupResult> {
    const clock = await this.source.clock();
    const today = parseCivilDate(dayOf(this.now(), clock.timezone));
    if (!today) throw new Error('today is not a date');
    const days = 1 + Math.ceil(this.source.settings.fcrWindowHours / 24);
    return this.rollup({ from: isoDate(addDays(today, -days)), to: isoDate(addDays(today, -1)) }, signal);
  }
}
