/**
 * chart.js with only the pieces the dashboard draws (line and bar charts, category and linear scales,
 * tooltips and legends), so the bundler leaves the rest out. Only the dashboard imports this: the page
 * is loaded lazily, and chart.js with it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// canvas text does not inherit CSS: the studio's font stack, which has Thai glyphs
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--baton-font').trim() || 'system-ui, sans-serif';

export { Chart };
