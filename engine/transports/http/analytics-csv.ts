/**
 * The analytics export as CSV (RFC 4180): a header row, then one row per day and dimension value with the
 * metrics flattened into columns (docs/metrics.md defines each). Rows are written as the service reads them,
 * a page of days at a time, so an export of any length streams. Cells go through the audit export's
 * csvCell (quoting, and formula characters neutralised: a team or operator id is text someone typed).
 */
import type { AnalyticsDay, AnalyticsMetrics, Durations } from '../../contracts/analytics.ts';
import { csvCell } from '../../services/audit/audit-csv.ts';

type Cell = string | number | null;

interface Column {
  name: string;
  value: (row: AnalyticsDay) => Cell;
}

const metric = (name: string, pick: (m: AnalyticsMetrics) => Cell): Column => ({ name, value: (row) => pick(row.metrics) });

/** count, avg, p50, p90 of a duration, as `<prefix>_count`, `<prefix>_avg`, ... */
const durationColumns = (prefix: string, pick: (m: AnalyticsMetrics) => Durations): Column[] =>
  (['count', 'avg', 'p50', 'p90'] as const).map((stat) => metric(`${prefix}_${stat}`, (m) => pick(m)[stat]));

/** In order. Durations in whole seconds, rates from 0 to 1; an empty cell where a value is undefined (0/0). */
export const ANALYTICS_CSV_COLUMNS: readonly Column[] = [
  { name: 'day', value: (row) => row.day },
  { name: 'dimension', value: (row) => row.dimension },
  { name: 'key', value: (row) => row.key },
  metric('conversations', (m) => m.conversations),
  metric('handoffs', (m) => m.handoffs),
  metric('containment_rate', (m) => m.containmentRate),
  ...durationColumns('wait_seconds', (m) => m.waitSeconds),
  metric('abandoned', (m) => m.abandoned),
  metric('abandonment_rate', (m) => m.abandonmentRate),
  ...durationColumns('first_response_seconds', (m) => m.firstResponseSeconds.calendar),
  ...durationColumns('first_response_business_seconds', (m) => m.firstResponseSeconds.business),
  ...durationColumns('resolution_seconds', (m) => m.resolutionSeconds.calendar),
  ...durationColumns('resolution_business_seconds', (m) => m.resolutionSeconds.business),
  metric('handled', (m) => m.handled),
  metric('transfers', (m) => m.transfers),
  metric('reopened', (m) => m.reopened),
  metric('csat_average', (m) => m.csatAverage),
  metric('csat_responses', (m) => m.csatResponses),
  metric('csat_satisfied_rate', (m) => m.csatSatisfiedRate),
  metric('surveys_sent', (m) => m.surveysSent),
  metric('csat_response_rate', (m) => m.csatResponseRate),
  metric('fcr_rate', (m) => m.fcrRate),
  metric('messages_in', (m) => m.messagesIn),
  metric('messages_out', (m) => m.messagesOut),
  metric('replies', (m) => m.replies),
  metric('pushes', (m) => m.pushes),
];

export const ANALYTICS_CSV_HEADER = `${ANALYTICS_CSV_COLUMNS.map((column) => column.name).join(',')}\r\n`;

export function analyticsCsvRow(row: AnalyticsDay): string {
  return `${ANALYTICS_CSV_COLUMNS.map((column) => csvCell(column.value(row))).join(',')}\r\n`;
}

/** Rows are gathered into chunks of about this many characters: one write per row would cost more than the row. */
const CHUNK_CHARS = 16 * 1024;

/** the whole export: the header, then the rows as they are read */
export async function* analyticsCsv(rows: AsyncIterable<AnalyticsDay>): AsyncGenerator<string> {
  yield ANALYTICS_CSV_HEADER;
  let chunk = '';
  for await (const row of rows) {
    chunk += analyticsCsvRow(row);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
