/** What one dashboard chart shows, independent of the charting library: its table is drawn from the same spec. */

export type ChartKind = 'line' | 'bar';

export interface ChartSeries {
  label: string;
  /** one value per label; null where there is no data (a gap, "—" in the table) */
  values: ReadonlyArray<number | null>;
  color: string;
  /** the second, right-hand axis (a rate beside counts) */
  right?: boolean;
  /** writes a value in tooltips and in the table */
  format: (value: number | null) => string;
}

export interface ChartAxis {
  title: string;
  /** counts: ticks at whole numbers only */
  whole?: boolean;
}

export interface ChartSpec {
  /** stable id: data-chart attribute, test hooks */
  name: string;
  title: string;
  kind: ChartKind;
  /** the first column of the table ("Day", "Hour") */
  labelHeading: string;
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** the axes; `right` only when a series uses it */
  axes: { left: ChartAxis; right?: ChartAxis };
}
