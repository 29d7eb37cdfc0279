/**
 * The overview tiles, as one list: which widget each tile shows, its label, its built-in icon and which direction
 * of change is good news. `OverviewTiles.vue` renders whatever this list and the server's widgets make; a widget the
 * list does not know is still shown, generically, under the server's title.
 */
import { percentChange } from '../api/contract';
import type { OverviewWidgetKey } from '../api/contract';
import type { OverviewWidget } from '../api/types';
import type { RequestStatus } from '../lib/request';
import type { I18n } from '../i18n';
import type { FallbackIconName } from './icons';

/** Key of a tile: one of the four known widgets, or `widget-<index>` for one the list does not know. */
export type OverviewTileKey = OverviewWidgetKey | (string & {});

/** One known tile. */
export interface OverviewTileConfig {
  /** The widget; emitted with `select` when the tile is clicked, so the host can open a matching list. */
  key: OverviewWidgetKey;
  /** The tile's label, translated with the app's translate functions. */
  label: (i18n: Pick<I18n, '__'>) => string;
  /**
   * What the tile counts, in a sentence (docs/api-contract.md, "four widgets"): the tile's help text. Completed and
   * cancelled count meetings that ended in the range, whenever they were booked, so they can exceed Total Bookings.
   */
  help: (i18n: Pick<I18n, '__'>) => string;
  /** Whether the widget at `index` of the response is this tile's. */
  match: (widget: OverviewWidget, index: number) => boolean;
  /** Which direction of change is good news: green when the number moves that way, red the other way. */
  goodWhen: 'up' | 'down';
}

/** The known tiles, in the order the server sends them. */
export const OVERVIEW_TILES: readonly OverviewTileConfig[] = [
  {
    key: 'all',
    label: ({ __ }) => __('Total Bookings'),
    help: ({ __ }) => __('Bookings made in this period, whatever their status.'),
    match: (widget) => widget.period === 'all',
    goodWhen: 'up',
  },
  {
    key: 'completed',
    label: ({ __ }) => __('Completed Bookings'),
    help: ({ __ }) =>
      __(
        'Completed meetings that ended in this period, whenever they were booked, so this can be more than Total Bookings.',
      ),
    match: (widget) => widget.period === 'completed',
    goodWhen: 'up',
  },
  {
    key: 'cancelled',
    label: ({ __ }) => __('Cancelled Bookings'),
    help: ({ __ }) =>
      __('Cancelled bookings whose meeting was to end in this period, whenever they were booked.'),
    match: (widget) => widget.period === 'cancelled',
    // More cancellations are bad news: an upward arrow in red.
    goodWhen: 'down',
  },
  {
    key: 'guests',
    label: ({ __ }) => __('Total Guests'),
    help: ({ __ }) =>
      __('Different guests, counted by e-mail address, among the bookings made in this period.'),
    // The guests widget is the one without a period; its title is translated by the server, so the fourth place
    // identifies it when the title does not say "guest".
    match: (widget, index) =>
      widget.period === undefined && (/guest/i.test(String(widget.title)) || index === 3),
    goodWhen: 'up',
  },
  {
    key: 'no_show',
    label: ({ __ }) => __('No-shows'),
    help: ({ __ }) =>
      __(
        'Meetings that ended in this period without the guest, whenever they were booked; the rate is of the meetings that ended completed or as no-shows.',
      ),
    match: (widget) => widget.period === 'no_show',
    // More no-shows are bad news.
    goodWhen: 'down',
  },
];

/**
 * The window the changes compare with, and where the changes come from.
 *
 * - `dayCount`: days of the selected range, compared with as many days before it; `null` for all time, where the
 *   server compares the last 30 days with the 30 days before.
 * - `previous`: absent when each widget's `stat` can be shown as it is (the server follows the contract). Otherwise
 *   the comparison window's widgets and their request's state: each tile's change is then computed from the two
 *   numbers, and shown only once they are there.
 * - `partial`: the range ends after now (today, this month so far): its numbers cover part of it, the window before
 *   is whole, and the tile says so.
 */
export interface OverviewComparison {
  /** Days of the selected range; `null` for all time. */
  dayCount: number | null;
  /** The comparison window's numbers when the changes are the client's to compute; absent to trust `stat`. */
  previous?: { status: RequestStatus; widgets: readonly OverviewWidget[] | null };
  /** Whether the range runs past now. */
  partial?: boolean;
  /**
   * The two windows in words, for hover and screen readers: the range's and the one it is compared with, e.g.
   * "3 Nov 2026 – 2 Dec 2026" and "4 Oct 2026 – 2 Nov 2026", or for all time the rolling "last 30 days" to the minute.
   */
  windows?: { range: string; previous: string };
}

/**
 * A tile's change: a percentage (`0` is no change), `new` (nothing in the comparison window, something now: no
 * percentage means anything then), `pending` (the comparison window's numbers are on their way) or `unavailable`
 * (the comparison window could not be read: nothing the dashboard can stand behind).
 */
export type TileChange =
  { kind: 'percent'; percent: number } | { kind: 'new' } | { kind: 'pending' } | { kind: 'unavailable' };

/** Direction of a widget's change. */
export type ChangeDirection = 'up' | 'down' | 'flat';

/** A widget ready to show: its config (or a generic one) joined with the server's numbers. */
export interface OverviewTile {
  /** Tile key, see {@link OverviewTileKey}. */
  key: OverviewTileKey;
  /** Translated label; the server's title for a widget the list does not know. */
  label: string;
  /** What the tile counts, translated; empty for a widget the list does not know. */
  help: string;
  /** The count. */
  value: number;
  /** The change against the comparison window: the server's `stat`, or computed from the window's numbers. */
  change: TileChange;
  /** Direction of {@link change}; `flat` when there is none to show. */
  direction: ChangeDirection;
  /** Whether the change is good, bad or neither, by the tile's `goodWhen`. */
  tone: 'good' | 'bad' | 'neutral';
  /** Server SVG markup (untrusted, sanitized at render). */
  icon: string;
  /** Built-in icon. */
  fallbackIcon: FallbackIconName;
  /** The server's comparison text ("More than last month"), for when nothing better can be said. */
  serverComparison: string;
  /** The no-show widget's rate, a percentage (see `OverviewWidget.rate`); absent on every other tile. */
  rate?: number;
}

/** Direction of a change; anything that is not a finite non-zero percentage (or `new`) is flat. */
function changeDirection(change: TileChange): ChangeDirection {
  if (change.kind === 'new') return 'up';
  if (change.kind !== 'percent' || !Number.isFinite(change.percent) || change.percent === 0) return 'flat';
  return change.percent > 0 ? 'up' : 'down';
}

/** The contract's rule on two counts, but `0 → n` is `new` rather than the contract's `100`. */
function computedChange(current: number, previous: number): TileChange {
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return { kind: 'unavailable' };
  if (previous === 0 && current > 0) return { kind: 'new' };
  return { kind: 'percent', percent: percentChange(current, previous) };
}

/** Which known tile each widget is: the first known tile that matches it and is not taken yet. */
function matchTiles(widgets: readonly OverviewWidget[]): (OverviewTileConfig | undefined)[] {
  const taken = new Set<OverviewTileKey>();
  return widgets.map((widget, index) => {
    const config = OVERVIEW_TILES.find((tile) => !taken.has(tile.key) && tile.match(widget, index));
    if (config) taken.add(config.key);
    return config;
  });
}

/** A tile's key: its known tile's, or `widget-<index>`. */
function tileKeyOf(config: OverviewTileConfig | undefined, index: number): OverviewTileKey {
  return config?.key ?? `widget-${index}`;
}

/**
 * Joins the server's widgets with the tile list: each widget takes the first known tile that matches it and is not
 * taken yet; the others become generic tiles under the server's title. Order is the server's.
 *
 * The change of each tile is the widget's `stat` when `comparison.previous` is absent; otherwise it is computed from
 * the widget's number and the comparison window's widget of the same tile, matched the same way.
 *
 * @param widgets The response's `overview`.
 * @param i18n The app's translate functions, for the labels.
 * @param comparison Where the changes come from (see {@link OverviewComparison}).
 */
export function buildOverviewTiles(
  widgets: readonly OverviewWidget[],
  i18n: Pick<I18n, '__'>,
  comparison?: OverviewComparison | null,
): OverviewTile[] {
  const previous = comparison?.previous;
  const previousNumbers = new Map<OverviewTileKey, number>();
  if (previous?.widgets) {
    const configs = matchTiles(previous.widgets);
    previous.widgets.forEach((widget, index) =>
      previousNumbers.set(tileKeyOf(configs[index], index), Number(widget.number)),
    );
  }

  const configs = matchTiles(widgets);
  return widgets.map((widget, index) => {
    const config = configs[index];
    const key = tileKeyOf(config, index);
    const value = Number(widget.number);
    let change: TileChange;
    if (!previous) {
      const stat = Number(widget.stat);
      change = { kind: 'percent', percent: Number.isFinite(stat) ? stat : 0 };
    } else if (previous.widgets) {
      const before = previousNumbers.get(key);
      change = before === undefined ? { kind: 'unavailable' } : computedChange(value, before);
    } else {
      change = {
        kind: previous.status === 'loading' || previous.status === 'idle' ? 'pending' : 'unavailable',
      };
    }
    const direction = changeDirection(change);
    const goodWhen = config?.goodWhen ?? 'up';
    return {
      key,
      label: config ? config.label(i18n) : String(widget.title ?? ''),
      help: config ? config.help(i18n) : '',
      value,
      change,
      direction,
      tone: direction === 'flat' ? 'neutral' : direction === goodWhen ? 'good' : 'bad',
      icon: typeof widget.icon === 'string' ? widget.icon : '',
      fallbackIcon: config?.key ?? 'generic',
      serverComparison: typeof widget.content === 'string' ? widget.content : '',
      ...(config?.key === 'no_show' && widget.rate !== undefined ? { rate: widget.rate } : {}),
    };
  });
}
