/**
 * Chart.js registration: only the parts the bookings graph draws, so the bundle carries nothing else.
 *
 * The legend is our own list of buttons (keyboard- and screen-reader-friendly), so Chart.js's Legend plugin is not
 * registered; neither is Filler (the lines are not filled).
 *
 * Only `LineChart.vue` imports this module, and only with `import()`: the bundles then evaluate Chart.js when the
 * first chart is drawn, not while the dashboard's first numbers wait for the script.
 */
import {
  CategoryScale,
  Chart,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

let registered = false;

/** Registers the line chart, its scales and the tooltip with Chart.js. Safe to call any number of times. */
export function registerChartParts(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);
  registered = true;
}

/** Chart.js's `Chart`, with the parts the graph draws registered. */
export function registeredChart(): typeof Chart {
  registerChartParts();
  return Chart;
}
