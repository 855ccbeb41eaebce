import { msg } from '@lit/localize';
import type { AnalyticsDay, AnalyticsHour, AnalyticsMetrics } from '../../../engine/contracts/analytics.ts';
import type { ChartSeries, ChartSpec } from './chart-spec.ts';
import { daysFrom } from './civil-days.ts';
import { formatCount, formatMinutes, formatPercent, formatScore, toMinutes, toPercent } from './dashboard-format.ts';

/** a colour-blind-safe set (Okabe–Ito), one per series of a chart */
const COLORS = { blue: '#0072B2', orange: '#E69F00', green: '#009E73', red: '#D55E00', purple: '#CC79A7', sky: '#56B4E9' } as const;

type DayValue = (metrics: AnalyticsMetrics) => number | null;

/**
 * The charts over days. Every day of the range gets a point; a day with no rolled-up row is a gap (null),
 * not a zero: nothing recorded is not the same as nothing happened (the rollup may not have run yet).
 */
export function dayCharts(range: { from: string; to: string }, rows: readonly AnalyticsDay[]): ChartSpec[] {
  const labels = daysFrom(range.from, range.to);
  // GET /api/analytics/days?by=day answers one row per day, of the dimension filtered on (all, a team or an operator)
  const byDay = new Map(rows.map((row) => [row.day, row.metrics]));
  const series = (label: string, color: string, value: DayValue, format: ChartSeries['format'], right = false): ChartSeries => ({
    label,
    color,
    format,
    values: labels.map((day) => {
      const metrics = byDay.get(day);
      return metrics ? value(metrics) : null;
    }),
    ...(right ? { right } : {}),
  });
  const common = { kind: 'line', labelHeading: msg('Day'), labels } as const;
  return [
    {
      ...common,
      name: 'volume',
      title: msg('Conversations, handoffs and bot containment'),
      axes: { left: { title: msg('Conversations'), whole: true }, right: { title: msg('Containment %') } },
      series: [
        series(msg('Conversations'), COLORS.blue, (m) => m.conversations, formatCount),
        series(msg('Handoffs'), COLORS.orange, (m) => m.handoffs, formatCount),
        series(msg('Containment'), COLORS.green, (m) => toPercent(m.containmentRate), formatPercent, true),
      ],
    },
    {
      ...common,
      name: 'response-times',
      title: msg('First response and resolution time'),
      axes: { left: { title: msg('Minutes') } },
      series: [
        series(msg('First response, avg'), COLORS.blue, (m) => toMinutes(m.firstResponseSeconds.calendar.avg), formatMinutes),
        series(msg('First response, p90'), COLORS.sky, (m) => toMinutes(m.firstResponseSeconds.calendar.p90), formatMinutes),
        series(msg('Resolution, avg'), COLORS.red, (m) => toMinutes(m.resolutionSeconds.calendar.avg), formatMinutes),
        series(msg('Resolution, p90'), COLORS.orange, (m) => toMinutes(m.resolutionSeconds.calendar.p90), formatMinutes),
      ],
    },
    {
      ...common,
      name: 'csat',
      title: msg('Customer satisfaction (CSAT)'),
      axes: { left: { title: msg('Average score (1–5)') }, right: { title: msg('Answers'), whole: true } },
      series: [
        series(msg('CSAT average'), COLORS.green, (m) => m.csatAverage, formatScore),
        series(msg('Answers'), COLORS.purple, (m) => m.csatResponses, formatCount, true),
      ],
    },
    {
      ...common,
      kind: 'bar',
      name: 'delivery',
      title: msg('Replies (free) vs pushes (paid)'),
      axes: { left: { title: msg('Messages'), whole: true } },
      series: [
        series(msg('Replies'), COLORS.green, (m) => m.replies, formatCount),
        series(msg('Pushes'), COLORS.red, (m) => m.pushes, formatCount),
      ],
    },
  ];
}

/** the counts by local hour of day (always 24 rows from the engine) */
export function hourChart(hours: readonly AnalyticsHour[]): ChartSpec {
  const sorted = [...hours].sort((a, b) => a.hour - b.hour);
  const series = (label: string, color: string, value: (hour: AnalyticsHour) => number): ChartSeries => ({
    label,
    color,
    format: formatCount,
    values: sorted.map(value),
  });
  return {
    name: 'hours',
    title: msg('By hour of day'),
    kind: 'bar',
    labelHeading: msg('Hour'),
    labels: sorted.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
    axes: { left: { title: msg('Count'), whole: true } },
    series: [
      series(msg('Conversations'), COLORS.blue, (h) => h.conversations),
      series(msg('Handoffs'), COLORS.orange, (h) => h.handoffs),
      series(msg('Messages in'), COLORS.sky, (h) => h.messagesIn),
    ],
  };
}
