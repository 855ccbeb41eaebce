/** The palette's colours a chart draws with; canvas text and lines do not inherit CSS, so they are read when a chart is drawn. */
export interface ChartTheme {
  /** axis labels, ticks and the legend */
  text: string;
  /** grid lines and axis lines */
  grid: string;
}

/** what the system's colour setting is; a chart is drawn again when it changes */
export const darkScheme: MediaQueryList = matchMedia('(prefers-color-scheme: dark)');

/** The current palette (index.html), as the page shows it now: light or dark. */
export function chartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: read('--baton-muted', '#656d76'), grid: read('--baton-border', '#e1e4e8') };
}
