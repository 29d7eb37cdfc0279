/**
 * Pure builders of the bookings graph: period labels in the user's locale, Chart.js `data` for the three series,
 * and Chart.js `options`. Nothing here touches Vue; the graph component feeds these the table, the colours it read
 * from CSS and the locale.
 */
import type { ChartData, ChartOptions, Plugin, PointStyle } from 'chart.js';
import type { I18n } from '../i18n';
import { formatDay, formatMonth, formatNumber } from '../lib/format';
import type { GraphTable } from '../lib/graphKeys';
import { addDays, parseLocalDate } from '../lib/siteTime';

/** The translate functions the builders need. */
export type GraphI18n = Pick<I18n, '__' | 'sprintf'>;

/** A series of the graph, named as its column of {@link GraphTable}. */
export type GraphSeriesKey = 'booked' | 'completed' | 'cancelled';

/** How one series is labelled and drawn. */
export interface GraphSeriesConfig {
  /** The column of the graph table. */
  key: GraphSeriesKey;
  /** The translated name (a function, so the `__()` call is a literal that string extraction finds). */
  label: (i18n: GraphI18n) => string;
  /** The CSS custom property that holds the series colour. */
  cssVar: string;
  /** Colour used when the custom property is not set (e.g. outside the app root). */
  fallbackColor: string;
  /** Point shape, so series differ by more than colour. */
  pointStyle: PointStyle;
  /** Line dash pattern (`[]` is solid), again so series differ by more than colour. */
  borderDash: number[];
}

/** The series of the bookings graph, in legend, table and CSV order. */
export const GRAPH_SERIES: readonly GraphSeriesConfig[] = [
  {
    key: 'booked',
    label: ({ __ }) => __('Booked'),
    cssVar: '--br-color-series-booked',
    fallbackColor: '#2271b1',
    pointStyle: 'circle',
    borderDash: [],
  },
  {
    key: 'completed',
    label: ({ __ }) => __('Completed'),
    cssVar: '--br-color-series-completed',
    fallbackColor: '#00a32a',
    pointStyle: 'rect',
    borderDash: [],
  },
  {
    key: 'cancelled',
    label: ({ __ }) => __('Cancelled'),
    cssVar: '--br-color-series-cancelled',
    fallbackColor: '#d63638',
    pointStyle: 'triangle',
    // Dash and dot: plain dashes are the previous period's.
    borderDash: [8, 3, 2, 3],
  },
];

/** The colours of the chart, read from the app's CSS custom properties. */
export interface GraphColors {
  /** One colour per series. */
  series: Record<GraphSeriesKey, string>;
  /** Axis labels. */
  text: string;
  /** Grid lines. */
  grid: string;
  /** Behind the plot, so a downloaded PNG is not transparent (dark text on a dark viewer, or the reverse). */
  surface: string;
}

const CHROME_COLORS = [
  ['text', '--br-color-text-muted', '#50575e'],
  ['grid', '--br-color-border-muted', '#dcdcde'],
  ['surface', '--br-color-surface', '#ffffff'],
] as const;

/**
 * The chart colours as the element sees them (custom properties inherit from the app root, so a host's theme and
 * dark mode apply); each colour not set falls back to the wp-admin default.
 *
 * @param element An element inside the app root; without one, every colour is its fallback.
 */
export function readGraphColors(element: Element | null | undefined): GraphColors {
  const style = element ? getComputedStyle(element) : undefined;
  const read = (cssVar: string, fallback: string): string =>
    style?.getPropertyValue(cssVar).trim() || fallback;
  const series = Object.fromEntries(
    GRAPH_SERIES.map((config) => [config.key, read(config.cssVar, config.fallbackColor)]),
  ) as Record<GraphSeriesKey, string>;
  const [text, grid, surface] = CHROME_COLORS.map(([, cssVar, fallback]) => read(cssVar, fallback));
  return { series, text: text ?? '', grid: grid ?? '', surface: surface ?? '' };
}

/** The dash of the line into a bucket that is not over yet (short dots, unlike any series' own pattern). */
export const PARTIAL_DASH = [2, 3];

/** The dash of every series of the previous period (plain dashes, unlike any series of the range itself). */
export const PREVIOUS_DASH = [6, 4];

/** Day and short month (`3 Jan`, `Jan 3`, `3. Jan.`): within a daily or weekly range no day repeats. */
const PERIOD_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };

/**
 * The label of each bucket of the table, in the locale: `3 Jan` for days, `Week of 3 Jan` for weeks, `Jan 2025` for
 * months.
 *
 * @param table The aligned graph table.
 * @param locale BCP 47 locale of the dates.
 * @param i18n The app's translate functions.
 */
export function graphLabels(table: GraphTable, locale: string, i18n: GraphI18n): string[] {
  return table.keys.map((key) => {
    if (table.granularity === 'month') {
      const fields = parseLocalDate(key.day);
      return fields ? formatMonth(fields[0], fields[1], locale) : key.key;
    }
    const day = formatDay(key.day, locale, PERIOD_DAY);
    /* translators: %s: the first day of a week, e.g. "3 Jan". */
    return table.granularity === 'week' ? i18n.sprintf(i18n.__('Week of %s'), day) : day;
  });
}

/**
 * The first and last day the table covers (`YYYY-MM-DD`, inclusive): the last bucket runs to its week's or month's
 * end. `null` when the table has no buckets.
 *
 * @param table The aligned graph table.
 */
export function graphSpan(table: GraphTable): [string, string] | null {
  const first = table.keys[0];
  const last = table.keys[table.keys.length - 1];
  if (!first || !last) return null;
  if (table.granularity === 'week') return [first.day, addDays(last.day, 6)];
  if (table.granularity === 'month') {
    const fields = parseLocalDate(last.day);
    if (!fields) return [first.day, last.day];
    const [year, month] = fields;
    const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    return [first.day, addDays(nextMonth, -1)];
  }
  return [first.day, last.day];
}

/** The sum of one series over the table. */
export function seriesTotal(table: GraphTable, key: GraphSeriesKey): number {
  return table[key].reduce((sum, count) => sum + count, 0);
}

/**
 * The chart in one sentence, for the canvas's accessible name: the range and each series' total; with a previous
 * period, a second sentence names it and its totals.
 *
 * @param table The aligned graph table.
 * @param rangeLabel The range in words, e.g. "1 Nov 2025 – 30 Nov 2025".
 * @param locale BCP 47 locale of the numbers.
 * @param i18n The app's translate functions.
 * @param previous The previous period's table and its days in words, when it is compared.
 */
export function graphSummary(
  table: GraphTable,
  rangeLabel: string,
  locale: string,
  i18n: GraphI18n,
  previous?: { table: GraphTable; rangeLabel: string },
): string {
  const totals = (of: GraphTable) =>
    GRAPH_SERIES.map((series) => formatNumber(seriesTotal(of, series.key), locale));
  const sentence = i18n.sprintf(
    /* translators: 1: the range, e.g. "1 Nov 2025 – 30 Nov 2025"; 2, 3, 4: numbers of bookings. */
    i18n.__('Bookings over time, %1$s: %2$s booked, %3$s completed, %4$s cancelled.'),
    rangeLabel,
    ...totals(table),
  );
  if (!previous) return sentence;
  return `${sentence} ${i18n.sprintf(
    /* translators: 1: the days before the range, e.g. "2 Oct 2025 – 31 Oct 2025"; 2, 3, 4: numbers of bookings. */
    i18n.__('Previous period, %1$s: %2$s booked, %3$s completed, %4$s cancelled.'),
    previous.rangeLabel,
    ...totals(previous.table),
  )}`;
}

/** A series of the previous period as the chart, the table and the downloads name it ("Booked, previous period"). */
export function previousSeriesLabel(series: GraphSeriesConfig, i18n: GraphI18n): string {
  /* translators: %s: a series of the graph, e.g. "Booked". */
  return i18n.sprintf(i18n.__('%s, previous period'), series.label(i18n));
}

/**
 * Chart.js `data` for a line chart of the three series, and of the previous period's three when it is compared.
 *
 * @param table The aligned graph table.
 * @param labels The period labels ({@link graphLabels}).
 * @param colors The colours ({@link readGraphColors}).
 * @param hidden The series the user switched off; they stay in the data, hidden, so switching back needs no reload.
 * @param i18n The app's translate functions.
 * @param partialIndex The bucket that is not over yet (`-1`: none): the line into it and on from it is drawn
 *   dotted, so a count so far does not read as a fall.
 * @param previous The previous period's table, drawn dashed and thinner, bucket by bucket beside the range's (its
 *   first bucket at the range's first), with its own period labels (`periods`, which the tooltip names); `null`
 *   draws the range alone. A period with a bucket more (weeks and months start on other days) runs one position past
 *   the range's last, whose label is then empty.
 */
export function buildChartData(
  table: GraphTable,
  labels: readonly string[],
  colors: GraphColors,
  hidden: ReadonlySet<GraphSeriesKey>,
  i18n: GraphI18n,
  partialIndex = -1,
  previous: { table: GraphTable; labels: readonly string[] } | null = null,
): ChartData<'line', (number | null)[], string> {
  const positions = Math.max(table.keys.length, previous?.table.keys.length ?? 0);
  // Many points would blur into a thick line: draw them only while they can be told apart.
  const pointRadius = positions > 40 ? 0 : 3;
  const line = (series: GraphSeriesConfig) => ({
    hidden: hidden.has(series.key),
    borderColor: colors.series[series.key],
    backgroundColor: colors.series[series.key],
    pointStyle: series.pointStyle,
    pointHoverRadius: 5,
    // Hover on a bare line (no points) still finds the nearest bucket.
    pointHitRadius: 8,
    // Monotone curves never overshoot below zero between two counts.
    cubicInterpolationMode: 'monotone' as const,
  });
  const current = GRAPH_SERIES.map((series) => ({
    ...line(series),
    label: series.label(i18n),
    data: [...table[series.key]],
    borderWidth: 2,
    borderDash: series.borderDash,
    pointRadius,
    segment: {
      borderDash: (context: { p1DataIndex: number }) =>
        partialIndex >= 0 && context.p1DataIndex >= partialIndex ? PARTIAL_DASH : undefined,
    },
  }));
  const before = previous
    ? GRAPH_SERIES.map((series) => ({
        ...line(series),
        label: previousSeriesLabel(series, i18n),
        data: Array.from({ length: positions }, (_, index) => previous.table[series.key][index] ?? null),
        periods: previous.labels,
        borderWidth: 1.5,
        borderDash: PREVIOUS_DASH,
        pointRadius: 0,
      }))
    : [];
  return {
    labels: Array.from({ length: positions }, (_, index) => labels[index] ?? ''),
    datasets: [...current, ...before],
  };
}

/** What the chart's options depend on. */
export interface GraphOptionsInput {
  /** BCP 47 locale: Chart.js formats tick and tooltip numbers with it. */
  locale: string;
  /** Text direction: right-to-left reverses the x axis and puts the y axis on the right. */
  dir: 'ltr' | 'rtl';
  /** The user asked the system for less motion: no animation. */
  reducedMotion: boolean;
  /** Axis and grid colours. */
  colors: GraphColors;
}

/**
 * Chart.js `options`: fills its container (the CSS gives the height), integer counts on the y axis, one tooltip for
 * all series of a bucket, right-to-left aware, still when the user prefers reduced motion.
 *
 * @param input Locale, direction, motion preference and colours.
 */
export function buildChartOptions(input: GraphOptionsInput): ChartOptions<'line'> {
  const rtl = input.dir === 'rtl';
  return {
    responsive: true,
    maintainAspectRatio: false,
    locale: input.locale,
    animation: input.reducedMotion ? false : { duration: 300 },
    interaction: { mode: 'index', intersect: false },
    plugins: {
      tooltip: {
        rtl,
        textDirection: input.dir,
        usePointStyle: true,
        callbacks: {
          // A previous period's point says which of its buckets it is: the title names the range's.
          label: (item) => {
            const period = (item.dataset as { periods?: readonly string[] }).periods?.[item.dataIndex];
            const text = `${item.dataset.label ?? ''}: ${item.formattedValue}`;
            return period ? `${text} (${period})` : text;
          },
        },
      },
    },
    scales: {
      x: {
        reverse: rtl,
        grid: { display: false },
        ticks: { color: input.colors.text, maxRotation: 0, autoSkip: true },
      },
      y: {
        position: rtl ? 'right' : 'left',
        beginAtZero: true,
        grid: { color: input.colors.grid },
        // Counts of bookings: never a tick at 0.5.
        ticks: { color: input.colors.text, precision: 0 },
      },
    },
  };
}

/**
 * A Chart.js plugin that paints the surface colour before the chart draws, so the PNG download looks like the screen.
 *
 * @param color The colour to paint, read when drawing (so a theme change applies).
 */
export function surfacePlugin(color: () => string): Plugin<'line'> {
  return {
    id: 'brSurface',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.fillStyle = color();
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}
