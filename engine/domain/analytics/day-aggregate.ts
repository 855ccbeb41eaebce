/**
 * What a day's row stores: only counts, sums and histograms, so that any range of days is the sum of
 * its days (rates and averages are derived after summing, never averaged). docs/metrics.md defines each.
 */
import type { AnalyticsDimension, AnalyticsMetrics } from '../../contracts/analytics.ts';
import { average, emptyDurationStat, mergeDurationStats, percentile, type DurationStat } from './duration-stat.ts';

export interface DayAggregate {
  /** customer-days (overall); handoffs routed (team); conversations taken (operator) */
  conversations: number;
  handoffs: number;
  /** distinct customers handed off (overall only): the part of conversations that reached a human queue */
  handedOffCustomers: number;
  wait: DurationStat;
  abandoned: number;
  firstResponse: DurationStat;
  firstResponseBusiness: DurationStat;
  resolution: DurationStat;
  resolutionBusiness: DurationStat;
  handled: number;
  transfers: number;
  reopened: number;
  csatSum: number;
  csatResponses: number;
  csatSatisfied: number;
  surveysSent: number;
  /** surveys sent whose conversation has an answer */
  surveysAnswered: number;
  /** handled conversations whose customer did not come back within the FCR window */
  fcrResolved: number;
  messagesIn: number;
  messagesOut: number;
  replies: number;
  pushes: number;
  /** by local hour of day, 24 entries each */
  hours: { conversations: number[]; handoffs: number[]; messagesIn: number[] };
}

const COUNTS = [
  'conversations', 'handoffs', 'handedOffCustomers', 'abandoned', 'handled', 'transfers', 'reopened', 'csatSum', 'csatResponses',
  'csatSatisfied', 'surveysSent', 'surveysAnswered', 'fcrResolved', 'messagesIn', 'messagesOut', 'replies', 'pushes',
] as const satisfies readonly (keyof DayAggregate)[];
const DURATIONS = ['wait', 'firstResponse', 'firstResponseBusiness', 'resolution', 'resolutionBusiness'] as const satisfies readonly (keyof DayAggregate)[];
const HOURS = ['conversations', 'handoffs', 'messagesIn'] as const;

const zeroHours = () => Array.from({ length: 24 }, () => 0);

export function emptyDayAggregate(): DayAggregate {
  return {
    conversations: 0, handoffs: 0, handedOffCustomers: 0, wait: emptyDurationStat(), abandoned: 0,
    firstResponse: emptyDurationStat(), firstResponseBusiness: emptyDurationStat(), resolution: emptyDurationStat(), resolutionBusiness: emptyDurationStat(),
    handled: 0, transfers: 0, reopened: 0, csatSum: 0, csatResponses: 0, csatSatisfied: 0, surveysSent: 0, surveysAnswered: 0,
    fcrResolved: 0, messagesIn: 0, messagesOut: 0, replies: 0, pushes: 0,
    hours: { conversations: zeroHours(), handoffs: zeroHours(), messagesIn: zeroHours() },
  };
}

/** Adds `from` into `into`. */
export function mergeDayAggregates(into: DayAggregate, from: DayAggregate): DayAggregate {
  for (const field of COUNTS) into[field] += from[field];
  for (const field of DURATIONS) mergeDurationStats(into[field], from[field]);
  for (const field of HOURS) for (let h = 0; h < 24; h++) into.hours[field][h] = (into.hours[field][h] ?? 0) + (from.hours[field][h] ?? 0);
  return into;
}

/** Reads a stored row; fields a later version added start at zero. */
export function parseDayAggregate(json: string): DayAggregate {
  return mergeDayAggregates(emptyDayAggregate(), { ...emptyDayAggregate(), ...(JSON.parse(json) as Partial<DayAggregate>) });
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function durations(stat: DurationStat): AnalyticsMetrics['waitSeconds'] {
  return { count: stat.count, avg: average(stat), p50: percentile(stat, 0.5), p90: percentile(stat, 0.9) };
}

/** The metrics of an aggregate; containment is defined overall only, abandonment not per operator (nobody had it). */
export function toMetrics(agg: DayAggregate, dimension: AnalyticsDimension): AnalyticsMetrics {
  const overall = dimension === 'all';
  return {
    conversations: agg.conversations,
    handoffs: agg.handoffs,
    containmentRate: overall ? rate(agg.conversations - agg.handedOffCustomers, agg.conversations) : null,
    waitSeconds: durations(agg.wait),
    abandoned: agg.abandoned,
    abandonmentRate: dimension === 'operator' ? null : rate(agg.abandoned, agg.abandoned + agg.wait.count),
    firstResponseSeconds: { calendar: durations(agg.firstResponse), business: durations(agg.firstResponseBusiness) },
    resolutionSeconds: { calendar: durations(agg.resolution), business: durations(agg.resolutionBusiness) },
    handled: agg.handled,
    transfers: agg.transfers,
    reopened: agg.reopened,
    csatAverage: agg.csatResponses === 0 ? null : agg.csatSum / agg.csatResponses,
    csatResponses: agg.csatResponses,
    csatSatisfiedRate: rate(agg.csatSatisfied, agg.csatResponses),
    surveysSent: agg.surveysSent,
    csatResponseRate: rate(agg.surveysAnswered, agg.surveysSent),
    fcrRate: rate(agg.fcrResolved, agg.handled),
    messagesIn: agg.messagesIn,
    messagesOut: agg.messagesOut,
    replies: agg.replies,
    pushes: agg.pushes,
  };
}
