/**
 * The overview tiles, as one list: which widget each tile shows, its label, its built-in icon and which direction
 * of change is good news. `OverviewTiles.vue` renders whatever this list and the server's widgets make; a widget the
 * list does not know is still shown, generically, under the server's title.
 */
import type { OverviewWidgetKey } from '../api/contract';
import type { OverviewWidget } from '../api/types';
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
    match: (widget) => widget.period === 'all',
    goodWhen: 'up',
  },
  {
    key: 'completed',
    label: ({ __ }) => __('Completed Bookings'),
    match: (widget) => widget.period === 'completed',
    goodWhen: 'up',
  },
  {
    key: 'cancelled',
    label: ({ __ }) => __('Cancelled Bookings'),
    match: (widget) => widget.period === 'cancelled',
    // More cancellations are bad news: an upward arrow in red.
    goodWhen: 'down',
  },
  {
    key: 'guests',
    label: ({ __ }) => __('Total Guests'),
    // The guests widget is the one without a period; its title is translated by the server, so the fourth place
    // identifies it when the title does not say "guest".
    match: (widget, index) =>
      widget.period === undefined && (/guest/i.test(String(widget.title)) || index === 3),
    goodWhen: 'up',
  },
];

/**
 * The window the changes compare with: the `dayCount` days before the selected range (as long as the range), or
 * `null` for all time, where the server compares the last 30 days with the 30 days before.
 */
export interface OverviewComparison {
  /** Days of the selected range; `null` for all time. */
  dayCount: number | null;
}

/** Direction of a widget's change. */
export type ChangeDirection = 'up' | 'down' | 'flat';

/** A widget ready to show: its config (or a generic one) joined with the server's numbers. */
export interface OverviewTile {
  /** Tile key, see {@link OverviewTileKey}. */
  key: OverviewTileKey;
  /** Translated label; the server's title for a widget the list does not know. */
  label: string;
  /** The count. */
  value: number;
  /** Percent change against the comparison window (`stat`). */
  change: number;
  /** Direction of {@link change}. */
  direction: ChangeDirection;
  /** Whether the change is good, bad or neither, by the tile's `goodWhen`. */
  tone: 'good' | 'bad' | 'neutral';
  /** Server SVG markup (untrusted, sanitized at render). */
  icon: string;
  /** Built-in icon. */
  fallbackIcon: FallbackIconName;
  /** The server's comparison text ("More than last month"), for when nothing better can be said. */
  serverComparison: string;
}

/** Direction of a percent change; anything that is not a finite non-zero number is flat. */
function changeDirection(change: number): ChangeDirection {
  if (!Number.isFinite(change) || change === 0) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/**
 * Joins the server's widgets with the tile list: each widget takes the first known tile that matches it and is not
 * taken yet; the others become generic tiles under the server's title. Order is the server's.
 *
 * @param widgets The response's `overview`.
 * @param i18n The app's translate functions, for the labels.
 */
export function buildOverviewTiles(
  widgets: readonly OverviewWidget[],
  i18n: Pick<I18n, '__'>,
): OverviewTile[] {
  const taken = new Set<OverviewTileKey>();
  return widgets.map((widget, index) => {
    const config = OVERVIEW_TILES.find((tile) => !taken.has(tile.key) && tile.match(widget, index));
    if (config) taken.add(config.key);
    const change = Number(widget.stat);
    const direction = changeDirection(change);
    const goodWhen = config?.goodWhen ?? 'up';
    return {
      key: config?.key ?? `widget-${index}`,
      label: config ? config.label(i18n) : String(widget.title ?? ''),
      value: Number(widget.number),
      change: Number.isFinite(change) ? change : 0,
      direction,
      tone: direction === 'flat' ? 'neutral' : direction === goodWhen ? 'good' : 'bad',
      icon: typeof widget.icon === 'string' ? widget.icon : '',
      fallbackIcon: config?.key ?? 'generic',
      serverComparison: typeof widget.content === 'string' ? widget.content : '',
    };
  });
}
