/**
 * Where a day's aggregates come from: the rolled-up rows for a finished day that has them, otherwise
 * computed from the raw tables with the same definitions (today, and days not rolled up yet), never
 * stored from here. Shared by AnalyticsService (reads) and RollupService (writes).
 */
import type { AnalyticsDimension } from '../../contracts/analytics.ts';
import { aggregateDay, type DayAggregates } from '../../domain/analytics/aggregate-day.ts';
import { parseDayAggregate, type DayAggregate } from '../../domain/analytics/day-aggregate.ts';
import { dayOf, localDay, slotMs } from '../../domain/analytics/local-day.ts';
import { isoDate, type CivilDate } from '../../domain/calendar/civil-date.ts';
import type { Store } from '../../store/store.ts';
import { resolveClock, type AnalyticsClock, type AnalyticsSettings, type CalendarSource } from './analytics-clock.ts';

/** one day's aggregates of one dimension, by key ('' for all) */
export type DayOfDimension = Map<string, DayAggregate>;

export class DaySource {
  private lastTimezone: string;

  constructor(
    private readonly store: Store,
    private readonly calendars: CalendarSource,
    readonly settings: AnalyticsSettings,
  ) {
    this.lastTimezone = resolveClock(settings, new Map()).timezone;
  }

  /** the time zone of the last clock read (the flows' calendar may name it) */
  timezone(): string {
    return this.lastTimezone;
  }

  async clock(): Promise<AnalyticsClock> {
    const clock = resolveClock(this.settings, await this.calendars());
    this.lastTimezone = clock.timezone;
    return clock;
  }

  get fcrWindowMs(): number {
    return this.settings.fcrWindowHours * 3_600_000;
  }

  /** A day's aggregates from the raw tables. */
  async compute(date: CivilDate, clock: AnalyticsClock): Promise<DayAggregates> {
    const day = localDay(date, clock.timezone);
    const facts = await this.store.analytics.dayFacts(day.start, day.end, slotMs(day), this.fcrWindowMs);
    return aggregateDay(facts, { day, calendar: clock.calendar, fcrWindowMs: this.fcrWindowMs });
  }

  /**
   * Each day's aggregates of one dimension (only `key` when given), in order: stored rows for finished
   * days rolled up, computed for the rest.
   */
  async perDay(days: readonly CivilDate[], dimension: AnalyticsDimension, key: string | undefined, clock: AnalyticsClock, now: number): Promise<Map<string, DayOfDimension>> {
    const result = new Map<string, DayOfDimension>();
    const first = days[0];
    const last = days[days.length - 1];
    if (!first || !last) return result;
    const today = dayOf(now, clock.timezone);
    const from = isoDate(first);
    const to = isoDate(last);
    const [rolled, rows] = await Promise.all([this.store.analytics.rolledUpDays(from, to), this.store.analytics.rows(from, to, dimension, key)]);
    for (const row of rows) {
      if (row.day >= today || !rolled.has(row.day)) continue;
      let day = result.get(row.day);
      if (!day) result.set(row.day, (day = new Map()));
      day.set(row.key, parseDayAggregate(row.metrics));
    }
    for (const date of days) {
      const iso = isoDate(date);
      if (iso < today && rolled.has(iso)) {
        if (!result.has(iso)) result.set(iso, new Map());
        continue;
      }
      const computed = await this.compute(date, clock);
      result.set(iso, pick(computed, dimension, key));
    }
    return new Map(days.map((date) => [isoDate(date), result.get(isoDate(date)) ?? new Map()]));
  }
}

/** one dimension of a day's aggregates, as stored rows would give it */
export function pick(aggregates: DayAggregates, dimension: AnalyticsDimension, key: string | undefined): DayOfDimension {
  const all: DayOfDimension = dimension === 'all' ? new Map([['', aggregates.all]]) : dimension === 'team' ? aggregates.teams : aggregates.operators;
  if (key === undefined || dimension === 'all') return all;
  const one = all.get(key);
  return one ? new Map([[key, one]]) : new Map();
}
