/**
 * The analytics read side (docs/metrics.md): summaries, days, hours, the per-operator table, CSAT
 * comments, live figures and CSV rows, over rolled-up rows for finished days and the raw tables for the
 * rest (DaySource). Ranges are checked here, so every transport answers a bad one with 400.
 */
import type {
  AnalyticsDay,
  AnalyticsDimension,
  AnalyticsHour,
  AnalyticsLive,
  AnalyticsOperatorsResponse,
  AnalyticsSummary,
  CsatComment,
} from '../../contracts/analytics.ts';
import { emptyDayAggregate, mergeDayAggregates, toMetrics, type DayAggregate } from '../../domain/analytics/day-aggregate.ts';
import { dayOf, localDay, parseCivilDate } from '../../domain/analytics/local-day.ts';
import { isoDate } from '../../domain/calendar/civil-date.ts';
import { badRequest } from '../../errors.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import type { Store } from '../../store/store.ts';
import { daysOf, type DayRange } from './day-range.ts';
import type { DaySource } from './day-source.ts';

export type { DayRange };

export interface Filter {
  team?: string;
  operator?: string;
}

/** days read at a time by exportRows */
const EXPORT_PAGE_DAYS = 31;
const MAX_COMMENTS = 500;

function dimensionOf(filter: Filter): { dimension: AnalyticsDimension; key: string | undefined } {
  if (filter.team !== undefined && filter.operator !== undefined) throw badRequest('bad_filter', 'filter by team or by operator, not both');
  if (filter.team !== undefined) return { dimension: 'team', key: filter.team };
  if (filter.operator !== undefined) return { dimension: 'operator', key: filter.operator };
  return { dimension: 'all', key: '' };
}

export class AnalyticsService {
  constructor(
    private readonly store: Store,
    private readonly source: DaySource,
    private readonly now: () => number,
  ) {}

  /** the business time zone days are counted in (as last read from the settings and the active flows) */
  timezone(): string {
    return this.source.timezone();
  }

  async summary(range: DayRange, filter: Filter, now: number): Promise<AnalyticsSummary> {
    const { dimension, key } = dimensionOf(filter);
    const total = emptyDayAggregate();
    for (const day of (await this.perDay(range, dimension, key, now)).values()) for (const agg of day.values()) mergeDayAggregates(total, agg);
    return { ...toMetrics(total, dimension), from: range.from, to: range.to, timezone: this.timezone() };
  }

  async days(range: DayRange, by: 'day' | 'team' | 'operator', filter: Filter, now: number): Promise<AnalyticsDay[]> {
    if (by === 'day') {
      const { dimension, key } = dimensionOf(filter);
      const perDay = await this.perDay(range, dimension, key, now);
      return [...perDay].map(([day, aggs]) => ({ day, dimension, key: key ?? '', metrics: toMetrics(aggs.get(key ?? '') ?? emptyDayAggregate(), dimension) }));
    }
    if (by === 'team' && filter.operator !== undefined) throw badRequest('bad_filter', 'days by team cannot be filtered by operator');
    const key = by === 'team' ? filter.team : filter.operator;
    const members = by === 'operator' && filter.team !== undefined ? await this.operatorsInTeam(filter.team) : null;
    const perDay = await this.perDay(range, by, key, now);
    const days: AnalyticsDay[] = [];
    for (const [day, aggs] of perDay) {
      for (const [rowKey, agg] of [...aggs].sort((a, b) => a[0].localeCompare(b[0]))) {
        if (members && !members.has(rowKey)) continue;
        days.push({ day, dimension: by, key: rowKey, metrics: toMetrics(agg, by) });
      }
    }
    return days;
  }

  async hours(range: DayRange, filter: Filter, now: number): Promise<AnalyticsHour[]> {
    const { dimension, key } = dimensionOf(filter);
    const total = emptyDayAggregate();
    for (const day of (await this.perDay(range, dimension, key, now)).values()) for (const agg of day.values()) mergeDayAggregates(total, agg);
    return total.hours.conversations.map((conversations, hour) => ({
      hour,
      conversations,
      handoffs: total.hours.handoffs[hour] ?? 0,
      messagesIn: total.hours.messagesIn[hour] ?? 0,
    }));
  }

  /** Each operator's metrics summed over the range, busiest first; only the team's members with `team`. */
  async operators(range: DayRange, filter: Filter, now: number): Promise<AnalyticsOperatorsResponse['operators']> {
    const perDay = await this.perDay(range, 'operator', filter.operator, now);
    const totals = new Map<string, DayAggregate>();
    for (const day of perDay.values()) {
      for (const [id, agg] of day) {
        let total = totals.get(id);
        if (!total) totals.set(id, (total = emptyDayAggregate()));
        mergeDayAggregates(total, agg);
      }
    }
    const operators = await this.store.operators.list();
    const names = new Map(operators.map((o) => [o.id, o.name]));
    const members = filter.team !== undefined ? await this.operatorsInTeam(filter.team) : null;
    return [...totals]
      .filter(([id]) => !members || members.has(id))
      .map(([operatorId, agg]) => ({ operatorId, name: names.get(operatorId) ?? operatorId, metrics: toMetrics(agg, 'operator') }))
      .sort((a, b) => b.metrics.conversations - a.metrics.conversations || a.name.localeCompare(b.name));
  }

  /** CSAT answers with a comment of conversations closed in the range, newest first. */
  async csatComments(range: DayRange, filter: Filter, limit: number): Promise<CsatComment[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_COMMENTS) throw badRequest('bad_limit', `limit: expected a whole number from 1 to ${MAX_COMMENTS}, got ${limit}`);
    const days = daysOf(range);
    const clock = await this.source.clock();
    const first = days[0];
    const last = days[days.length - 1];
    if (!first || !last) return [];
    const rows = await this.store.analytics.csatComments(localDay(first, clock.timezone).start, localDay(last, clock.timezone).end, filter, limit);
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      customerName: row.customer_name,
      operatorId: row.operator_id,
      operatorName: row.operator_name,
      score: Number(row.csat),
      comment: row.csat_comment,
      closedAt: Number(row.closed_at),
    }));
  }

  /**
   * Now, and today so far: from the raw tables, as a day's rollup computes it (mostly counted by the
   * database, docs/performance.md). Not cached here: the live publisher calls it only after a change, at
   * most once a second and only while a supervisor watches, so a cached today would rarely be reused.
   */
  async live(now: number): Promise<AnalyticsLive> {
    const clock = await this.source.clock();
    const day = dayOf(now, clock.timezone);
    const date = parseCivilDate(day);
    if (!date) throw new Error(`not a date: ${day}`);
    const [open, today] = await Promise.all([this.store.analytics.openCounts(), this.source.compute(date, clock)]);
    const metrics = toMetrics(today.all, 'all');
    return {
      waiting: open.waiting,
      active: open.active,
      longestWaitSeconds: open.oldestWaitingSince === null ? null : Math.max(0, Math.floor((now - open.oldestWaitingSince) / 1000)),
      today: {
        day,
        conversations: metrics.conversations,
        handoffs: metrics.handoffs,
        firstResponseSeconds: metrics.firstResponseSeconds.calendar,
        csatAverage: metrics.csatAverage,
        csatResponses: metrics.csatResponses,
        containmentRate: metrics.containmentRate,
      },
      at: now,
    };
  }

  /** The rows of a CSV export, a page of days at a time: a year is never in memory at once. Filtered as days() is. */
  async *exportRows(range: DayRange, by: 'day' | 'team' | 'operator', filter: Filter = {}): AsyncIterable<AnalyticsDay> {
    const days = daysOf(range);
    for (let i = 0; i < days.length; i += EXPORT_PAGE_DAYS) {
      const page = days.slice(i, i + EXPORT_PAGE_DAYS);
      const first = page[0];
      const last = page[page.length - 1];
      if (!first || !last) break;
      yield* await this.days({ from: isoDate(first), to: isoDate(last) }, by, filter, this.now());
    }
  }

  private async perDay(range: DayRange, dimension: AnalyticsDimension, key: string | undefined, now: number) {
    const days = daysOf(range);
    return this.source.perDay(days, dimension, key, await this.source.clock(), now);
  }

  private async operatorsInTeam(team: string): Promise<Set<string>> {
    const operators = await this.store.operators.list();
    return new Set(operators.filter((o) => parseJson<string[]>(o.teams, []).includes(team)).map((o) => o.id));
  }
}
