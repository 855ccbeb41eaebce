/**
 * The analytics dashboard's REST API (supervisors and admins): totals, days, hours of day, the per-operator
 * table and CSAT comments over a range of days in the business time zone, the live cards now, and the CSV
 * export, streamed (filtered like the rest). Dates, ranges and filters are checked before anything is sent (an
 * export's 400 comes before its first byte); the metrics are defined in docs/metrics.md.
 */
import { Readable } from 'node:stream';
import type { ParsedUrlQuery } from 'node:querystring';
import Router from '@koa/router';
import type {
  AnalyticsDaysResponse,
  AnalyticsHoursResponse,
  AnalyticsLive,
  AnalyticsOperatorsResponse,
  AnalyticsSummary,
  CsatCommentsResponse,
} from '../../contracts/analytics.ts';
import { badRequest } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { AnalyticsService, Filter } from '../../services/analytics/analytics.service.ts';
import { daysOf, type DayRange } from '../../services/analytics/day-range.ts';
import type { SessionService } from '../../services/auth/session.service.ts';
import { analyticsCsv } from './analytics-csv.ts';
import { authorize, type AuthState } from './authorize.ts';
import { queryChoice, queryInteger, queryText } from './query-params.ts';

const BY = ['day', 'team', 'operator'] as const;
const COMMENTS = { min: 1, max: 200, fallback: 50 };

/** from and to, both required, checked as the service checks them (format, order, length) */
function rangeOf(query: ParsedUrlQuery): DayRange {
  const from = queryText(query, 'from', 10);
  const to = queryText(query, 'to', 10);
  if (from === undefined) throw badRequest('bad_date', 'from: required, a date as YYYY-MM-DD');
  if (to === undefined) throw badRequest('bad_date', 'to: required, a date as YYYY-MM-DD');
  const range = { from, to };
  daysOf(range);
  return range;
}

function filterOf(query: ParsedUrlQuery): Filter {
  const team = queryText(query, 'team', 64);
  const operator = queryText(query, 'operator', 64);
  return { ...(team === undefined ? {} : { team }), ...(operator === undefined ? {} : { operator }) };
}

export function analyticsRoutes(sessions: SessionService, logger: Logger, analytics: AnalyticsService, now: () => number): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/api/analytics' });
  router.use(authorize(sessions, logger));

  router.get('/summary', async (ctx) => {
    const answer: AnalyticsSummary = await analytics.summary(rangeOf(ctx.query), filterOf(ctx.query), now());
    ctx.body = answer;
  });
  router.get('/days', async (ctx) => {
    const range = rangeOf(ctx.query);
    const by = queryChoice(ctx.query, 'by', BY, 'day');
    const answer: AnalyticsDaysResponse = { days: await analytics.days(range, by, filterOf(ctx.query), now()) };
    ctx.body = answer;
  });
  router.get('/hours', async (ctx) => {
    const answer: AnalyticsHoursResponse = { hours: await analytics.hours(rangeOf(ctx.query), filterOf(ctx.query), now()) };
    ctx.body = answer;
  });
  router.get('/operators', async (ctx) => {
    const answer: AnalyticsOperatorsResponse = { operators: await analytics.operators(rangeOf(ctx.query), filterOf(ctx.query), now()) };
    ctx.body = answer;
  });
  router.get('/csat-comments', async (ctx) => {
    const range = rangeOf(ctx.query);
    const limit = queryInteger(ctx.query, 'limit', COMMENTS);
    const answer: CsatCommentsResponse = { comments: await analytics.csatComments(range, filterOf(ctx.query), limit) };
    ctx.body = answer;
  });
  router.get('/live', async (ctx) => {
    const answer: AnalyticsLive = await analytics.live(now());
    ctx.body = answer;
  });
  router.get('/export.csv', async (ctx) => {
    const range = rangeOf(ctx.query);
    const by = queryChoice(ctx.query, 'by', BY, 'day');
    const rows = analytics.exportRows(range, by, filterOf(ctx.query))[Symbol.asyncIterator]();
    // the first page is read before the answer starts: a filter the service refuses is a 400, not a cut-off file
    const first = await rows.next();
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="baton-analytics-${by}-${range.from}-${range.to}.csv"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = Readable.from(analyticsCsv(startingWith(first, rows)));
  });
  return router;
}

/** the rows again, the first one already read; the rest is closed with the stream (a client that went away) */
async function* startingWith<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  try {
    for (let next = first; !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return?.();
  }
}
