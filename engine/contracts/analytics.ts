/**
 * Analytics shapes shared by the engine's REST/socket layer and the studio. Every metric is defined once,
 * with its formula and an example, in docs/metrics.md; days are civil dates (YYYY-MM-DD) in the business
 * time zone, durations are whole seconds.
 */

/** avg, p50 and p90 of a duration over `count` conversations; null when count is 0 */
export interface Durations {
  count: number;
  avg: number | null;
  p50: number | null;
  p90: number | null;
}

/** a duration measured over calendar time and over the business calendar's open hours */
export interface TimedDurations {
  calendar: Durations;
  business: Durations;
}

/** The metrics of one day (or a range of days) for one dimension. Rates are 0..1, null when undefined (0/0). */
export interface AnalyticsMetrics {
  /** bot + human conversations: a customer's day of contact (see docs/metrics.md) */
  conversations: number;
  /** bot → human: conversations created for an operator (queued) */
  handoffs: number;
  /** share of conversations that ended without a human (overall only; null per team/operator) */
  containmentRate: number | null;
  /** time in queue of those a human claimed */
  waitSeconds: Durations;
  /** left the queue before a human claimed them */
  abandoned: number;
  abandonmentRate: number | null;
  firstResponseSeconds: TimedDurations;
  resolutionSeconds: TimedDurations;
  /** closed by a human */
  handled: number;
  transfers: number;
  reopened: number;
  csatAverage: number | null;
  csatResponses: number;
  /** share of answers that were 4 or 5 */
  csatSatisfiedRate: number | null;
  surveysSent: number;
  csatResponseRate: number | null;
  /** closed and the customer not back within the FCR window */
  fcrRate: number | null;
  messagesIn: number;
  messagesOut: number;
  /** outbound messages sent with the free reply token */
  replies: number;
  /** outbound messages sent as paid pushes */
  pushes: number;
}

/** GET /api/analytics/summary?from&to[&team][&operator] */
export interface AnalyticsSummary extends AnalyticsMetrics {
  from: string;
  to: string;
  timezone: string;
}

export type AnalyticsDimension = 'all' | 'team' | 'operator';

/** one rolled-up row: one day, one dimension value ('' for all) */
export interface AnalyticsDay {
  day: string;
  dimension: AnalyticsDimension;
  key: string;
  metrics: AnalyticsMetrics;
}

/** counts by local hour of day (0–23) over a range */
export interface AnalyticsHour {
  hour: number;
  conversations: number;
  handoffs: number;
  messagesIn: number;
}

/** a CSAT answer with a comment */
export interface CsatComment {
  conversationId: string;
  customerName: string | null;
  operatorId: string | null;
  operatorName: string | null;
  score: number;
  comment: string;
  /** epoch ms the conversation closed */
  closedAt: number;
}

/** the live cards: now, and today so far (business time zone) */
export interface AnalyticsLive {
  waiting: number;
  active: number;
  /** how long the customer waiting longest has waited so far; null when nobody waits */
  longestWaitSeconds: number | null;
  today: {
    day: string;
    conversations: number;
    handoffs: number;
    firstResponseSeconds: Durations;
    csatAverage: number | null;
    csatResponses: number;
    containmentRate: number | null;
  };
  /** epoch ms this was computed */
  at: number;
}

/** a cron job and its recent runs (Studio › Jobs) */
export interface JobDto {
  name: string;
  schedule: string;
  timezone: string | null;
  lastRun: JobRunDto | null;
}

export interface JobRunDto {
  id: number;
  job: string;
  /** epoch ms of the schedule slot; a run started by hand has its own slot */
  scheduledFor: number;
  status: 'running' | 'done' | 'failed' | 'abandoned';
  /** the engine that ran it */
  instanceId: string;
  /** who pressed "run now"; null for the schedule */
  startedBy: string | null;
  startedAt: number;
  finishedAt: number | null;
  /** what the job reported: counts such as { closed: 3 } or { days: 1, rows: 12 } */
  result: Record<string, unknown> | null;
  error: string | null;
}

/** GET /api/analytics/days?from&to&by=day|team|operator[&team][&operator] */
export interface AnalyticsDaysResponse {
  days: AnalyticsDay[];
}

/** GET /api/analytics/hours?from&to[&team][&operator]: always 24 entries, hour 0 first */
export interface AnalyticsHoursResponse {
  hours: AnalyticsHour[];
}

/** GET /api/analytics/operators?from&to[&team]: the per-operator table, metrics summed over the range */
export interface AnalyticsOperatorsResponse {
  operators: Array<{ operatorId: string; name: string; metrics: AnalyticsMetrics }>;
}

/** GET /api/analytics/csat-comments?from&to[&team][&operator][&limit], newest first */
export interface CsatCommentsResponse {
  comments: CsatComment[];
}

/** GET /api/jobs */
export interface JobsResponse {
  jobs: JobDto[];
}

/** GET /api/jobs/runs?job=NAME&limit=N, newest first */
export interface JobRunsResponse {
  runs: JobRunDto[];
}
