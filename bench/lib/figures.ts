/** A measured figure, its baseline from the same run, the ratio, and the goal it answers to. */

export interface Figure {
  /** the scenario that measured it: ingest, e2e, fanout, memory, flow, studio, postgres */
  scenario: string;
  /** what was measured, in words: "ingest, 1 event/body, SQLite" */
  name: string;
  unit: string;
  value: number;
  baseline: { name: string; value: number } | null;
  /** value / baseline.value */
  ratio: number | null;
  goal: { text: string; met: boolean } | null;
  /** what limits it, or why a figure is only a bound */
  note?: string;
}

export interface FigureInput {
  name: string;
  unit: string;
  value: number;
  baseline?: { name: string; value: number } | null;
  /** a goal on the ratio (`minRatio`, `maxRatio`) or on the value (`max`) */
  goal?: { text: string; minRatio?: number; maxRatio?: number; max?: number } | null;
  note?: string;
}

export class FigureSink {
  readonly figures: Figure[] = [];

  constructor(
    private readonly log: (line: string) => void = () => {},
    /** false at smoke sizes: the goals are set for the full sizes */
    private readonly judgeGoals = true,
  ) {}

  scenario(name: string): (input: FigureInput) => Figure {
    return (input) => {
      const baseline = input.baseline ?? null;
      const ratio = baseline && baseline.value !== 0 ? input.value / baseline.value : null;
      let goal: Figure['goal'] = null;
      if (input.goal && this.judgeGoals) {
        const byRatio = input.goal.minRatio === undefined || (ratio !== null && ratio >= input.goal.minRatio);
        const byMaxRatio = input.goal.maxRatio === undefined || (ratio !== null && ratio <= input.goal.maxRatio);
        const byMax = input.goal.max === undefined || input.value < input.goal.max;
        goal = { text: input.goal.text, met: Number.isFinite(input.value) && byRatio && byMaxRatio && byMax };
      }
      const figure: Figure = { scenario: name, name: input.name, unit: input.unit, value: input.value, baseline, ratio, goal };
      if (input.note) figure.note = input.note;
      this.figures.push(figure);
      this.log(`  ${input.name}: ${formatValue(input.value, input.unit)}${baseline ? ` (baseline ${formatValue(baseline.value, input.unit)})` : ''}`);
      return figure;
    };
  }
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${value} ${unit}`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`;
}

/** The figures as a plain-text table: figure, value, baseline, ratio, goal, met? */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    f.baseline ? formatValue(f.baseline.value, f.unit) : '-',
    f.ratio === null ? '-' : `${f.ratio.toFixed(2)}x`,
    f.goal?.text ?? '-',
    f.goal ? (f.goal.met ? 'yes' : 'NO') : '-',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal', 'met?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table in Markdown, for docs/performance.md. */
export function formatMarkdown(figures: Figure[]): string {
  const esc = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| figure | value | baseline | ratio | goal | met? |', '|---|---:|---:|---:|---|---|'];
  for (const f of figures) {
    lines.push(
      `| ${esc(f.name)} | ${formatValue(f.value, f.unit)} | ${f.baseline ? formatValue(f.baseline.value, f.unit) : '-'} | ${f.ratio === null ? '-' : `${f.ratio.toFixed(2)}x`} | ${esc(f.goal?.text ?? '-')} | ${f.goal ? (f.goal.met ? 'yes' : '**no**') : '-'} |`,
    );
  }
  return lines.join('\n');
}
