/**
 * Chart.js registration: only the parts the bookings graph draws, so the bundle carries nothing else.
 *
 * The legend is our own list of buttons (keyboard- and screen-reader-friendly), so Chart.js's Legend plugin is not
 * registered; neither is Filler (the lines are not filled).
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
