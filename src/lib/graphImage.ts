/**
 * The graph's PNG download: the chart's canvas under a header drawn onto a new canvas, so the picture says on its own
 * what it shows (title, range, and each series' colour, name and total).
 */

/** One legend entry as the picture shows it. */
export interface ImageLegendEntry {
  /** The series' name, e.g. "Booked". */
  label: string;
  /** Its total as displayed, e.g. "1,611". */
  total: string;
  /** Its line colour. */
  color: string;
  /** A dashed line (the previous period's): the swatch is drawn as two dashes. */
  dashed?: boolean;
}

/** What goes above the chart. */
export interface GraphImageHeader {
  /** e.g. "Bookings over time". */
  title: string;
  /** The range in words, e.g. "Jan 1, 2025 – Jan 31, 2025". */
  range: string;
  /** The series, in legend order. */
  legend: readonly ImageLegendEntry[];
  /** Text colour. */
  text: string;
  /** Background colour (the chart's surface). */
  surface: string;
  /** Right-to-left: text is aligned to the right edge. */
  rtl?: boolean;
}

/** Sizes in CSS pixels, scaled by the chart's pixel ratio. */
const PADDING = 16;
const TITLE_SIZE = 18;
const RANGE_SIZE = 13;
const LEGEND_SIZE = 13;
const LINE_GAP = 8;
const SWATCH = 12;
const ENTRY_GAP = 20;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * A new canvas with the header drawn above a copy of `chart`.
 *
 * @param chart The chart's canvas (device pixels).
 * @param header Title, range, legend and colours.
 * @param ratio Device pixels per CSS pixel of `chart` (Chart.js's `currentDevicePixelRatio`).
 */
export function composeGraphImage(
  chart: HTMLCanvasElement,
  header: GraphImageHeader,
  ratio = 1,
): HTMLCanvasElement {
  const scale = ratio > 0 ? ratio : 1;
  const canvas = chart.ownerDocument.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return chart;
  // The legend wraps to as many lines as the chart's width needs (the previous period doubles its entries).
  context.font = `${LEGEND_SIZE * scale}px ${FONT}`;
  const lines: { entry: ImageLegendEntry; text: string; width: number }[][] = [[]];
  let lineWidth = 0;
  for (const entry of header.legend) {
    const text = `${entry.label} ${entry.total}`;
    const width = (SWATCH + 6) * scale + context.measureText(text).width;
    const line = lines[lines.length - 1] ?? [];
    if (line.length > 0 && lineWidth + width > chart.width - 2 * PADDING * scale) {
      lines.push([{ entry, text, width }]);
      lineWidth = width + ENTRY_GAP * scale;
    } else {
      line.push({ entry, text, width });
      lineWidth += width + ENTRY_GAP * scale;
    }
  }
  const legendHeight = lines.length * LEGEND_SIZE + (lines.length - 1) * LINE_GAP;
  const headerHeight =
    (PADDING + TITLE_SIZE + LINE_GAP + RANGE_SIZE + LINE_GAP * 2 + legendHeight + PADDING) * scale;
  canvas.width = chart.width;
  canvas.height = chart.height + Math.ceil(headerHeight);

  const rtl = header.rtl === true;
  const edge = rtl ? canvas.width - PADDING * scale : PADDING * scale;
  context.fillStyle = header.surface;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = header.text;
  context.textAlign = rtl ? 'right' : 'left';
  context.textBaseline = 'top';
  context.direction = rtl ? 'rtl' : 'ltr';

  let y = PADDING * scale;
  context.font = `600 ${TITLE_SIZE * scale}px ${FONT}`;
  context.fillText(header.title, edge, y);
  y += (TITLE_SIZE + LINE_GAP) * scale;
  context.font = `${RANGE_SIZE * scale}px ${FONT}`;
  context.fillText(header.range, edge, y);
  y += (RANGE_SIZE + LINE_GAP * 2) * scale;

  context.font = `${LEGEND_SIZE * scale}px ${FONT}`;
  const direction = rtl ? -1 : 1;
  for (const line of lines) {
    let x = edge;
    for (const { entry, text, width } of line) {
      const swatchX = rtl ? x - SWATCH * scale : x;
      context.fillStyle = entry.color;
      if (entry.dashed) {
        const dash = (SWATCH * scale) / 2.5;
        context.fillRect(swatchX, y + dash, dash, dash / 2);
        context.fillRect(swatchX + dash * 1.5, y + dash, dash, dash / 2);
      } else {
        context.fillRect(swatchX, y, SWATCH * scale, SWATCH * scale);
      }
      context.fillStyle = header.text;
      context.fillText(text, x + direction * (SWATCH + 6) * scale, y);
      x += direction * (width + ENTRY_GAP * scale);
    }
    y += (LEGEND_SIZE + LINE_GAP) * scale;
  }

  context.drawImage(chart, 0, Math.ceil(headerHeight));
  return canvas;
}
