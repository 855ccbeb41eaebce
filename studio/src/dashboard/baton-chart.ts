import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type PropertyValues } from 'lit';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { controlStyles } from '../shared/controls.styles.ts';
import { tableStyles } from '../shared/table.styles.ts';
import { chartStyles } from './baton-chart.styles.ts';
import { Chart } from './chart-setup.ts';
import { chartTheme, darkScheme, type ChartTheme } from './chart-theme.ts';
import type { ChartAxis, ChartKind, ChartSpec } from './chart-spec.ts';

type Config = ChartConfiguration<ChartKind, Array<number | null>, string>;

/**
 * One dashboard chart: a canvas drawn by chart.js, and the same numbers as a table under
 * "Show as table" for screen readers and for anyone who wants the figures (the canvas is an image with
 * a label; the table is the accessible form).
 */
export class BatonChart extends LitElement {
  static override styles = [controlStyles, tableStyles, chartStyles];
  static override properties = { spec: { attribute: false } };

  declare spec: ChartSpec | null;

  #chart: Chart<ChartKind, Array<number | null>, string> | null = null;
  // the canvas keeps the colours it was drawn with: draw again in the other palette
  readonly #onSchemeChange = () => this.#draw();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.spec = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    darkScheme.addEventListener('change', this.#onSchemeChange);
  }

  override disconnectedCallback(): void {
    darkScheme.removeEventListener('change', this.#onSchemeChange);
    this.#chart?.destroy();
    this.#chart = null;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('spec') && this.#chart) return;
    this.#draw();
  }

  #draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    this.#chart?.destroy();
    this.#chart = this.spec && canvas ? new Chart(canvas, configFor(this.spec, chartTheme())) : null;
  }

  override render() {
    const spec = this.spec;
    if (!spec) return html``;
    return html`<figure data-testid="chart" data-chart=${spec.name}>
      <figcaption>${spec.title}</figcaption>
      <div class="canvas-box">
        <canvas role="img" aria-label="${spec.title}: chart; the same figures are in the table below"></canvas>
      </div>
      <details data-testid="chart-table-toggle">
        <summary>${msg('Show as table')}</summary>
        <div class="table-wrap">
          <table data-testid="chart-table">
            <caption class="visually-hidden">${spec.title}</caption>
            <thead>
              <tr>
                <th scope="col">${spec.labelHeading}</th>
                ${spec.series.map((s) => html`<th scope="col">${s.label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${spec.labels.map(
                (label, i) => html`<tr data-testid="chart-row" data-label=${label}>
                  <th scope="row">${label}</th>
                  ${spec.series.map((s) => html`<td data-series=${s.label}>${s.format(s.values[i] ?? null)}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }
}

function configFor(spec: ChartSpec, theme: ChartTheme): Config {
  const scale = (axis: ChartAxis, position: 'left' | 'right') => ({
    type: 'linear' as const,
    position,
    beginAtZero: true,
    title: { display: true, text: axis.title, color: theme.text },
    ticks: { color: theme.text, ...(axis.whole ? { precision: 0 } : {}) },
    border: { color: theme.grid },
    // the right axis keeps its own ticks without a second grid over the first
    grid: { color: theme.grid, ...(position === 'right' ? { drawOnChartArea: false } : {}) },
  });
  const right = spec.series.some((s) => s.right) && spec.axes.right ? spec.axes.right : null;
  return {
    type: spec.kind,
    data: {
      labels: [...spec.labels],
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: [...s.values],
        borderColor: s.color,
        backgroundColor: s.color,
        yAxisID: s.right ? 'right' : 'left',
        // a day without data is a visible gap, not a line drawn through it
        spanGaps: false,
        // straight segments: a day is a count, not a point on a curve
        tension: 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      color: theme.text,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, color: theme.text } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<ChartKind>) => {
              const series = spec.series[item.datasetIndex];
              return series ? `${series.label}: ${series.format(item.parsed.y)}` : '';
            },
          },
        },
      },
      scales: {
        x: { ticks: { color: theme.text }, grid: { color: theme.grid }, border: { color: theme.grid } },
        left: scale(spec.axes.left, 'left'),
        ...(right ? { right: scale(right, 'right') } : {}),
      },
    },
  };
}

customElements.define('baton-chart', BatonChart);

declare global {
  interface HTMLElementTagNameMap {
    'baton-chart': BatonChart;
  }
}
