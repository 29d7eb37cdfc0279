/**
 * The heatmap's counts (`GET /reports/heatmap`): the database counts the viewer's bookings created in the range by
 * the UTC slot their meeting starts in, and the slots are placed on the site's clock here, with the engine's
 * `heatmapCellOf`, so the answer is exactly the engine's `computeHeatmap` over the same rows.
 *
 * A slot is a UTC quarter hour (`substr(start_time, 1, 13)` and the quarter of its minutes): today every zone's offset
 * is a whole number of quarter hours, so a quarter hour of UTC lies in one local hour, and a site has at most 96 slots
 * a day however many bookings it takes. A site on a fixed offset of odd minutes (`+05:07`) is counted by UTC minute
 * instead, as offsets are whole minutes (`siteOffsetAt`). A slot that still spans two local hours (a zone's offset of
 * long ago, such as local mean time, or a change of offset within it) and a start that is not stored as
 * `YYYY-MM-DD HH:mm:ss` are counted again by their exact `start_time` and placed one by one.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { HeatmapResponse } from '../../src/api/types';
import {
  emptyHeatmapCells,
  heatmapCellAt,
  heatmapCellOf,
  heatmapOfCells,
  storedUtcMs,
} from '../../src/engine';
import type { TimeWindow, Viewer } from '../../src/engine';
import { parseFixedOffset, siteOffsetAt } from '../../src/lib/siteTime';
import type { SiteTimezone } from '../../src/lib/siteTime';
import type { ReportsDatabase } from '../db/tables';
import { scoped, storedBounds, within } from './queries';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;
const QUARTER_MINUTES = 15;

/**
 * Up to this many slots that span two local hours are counted again by their exact starts, each a range condition;
 * beyond it every start of the range is (a query of hundreds of `OR`s costs more than one pass, and SQLite limits an
 * expression's depth).
 */
const MAX_RECOUNTED_SLOTS = 100;

/** How many minutes a slot of this site's timezone lasts: 15, or 1 for a fixed offset of odd minutes. */
function slotMinutesOf(timezone: SiteTimezone): number {
  const fixed = parseFixedOffset(timezone);
  return fixed !== undefined && fixed % QUARTER_MINUTES !== 0 ? 1 : QUARTER_MINUTES;
}

const start = sql.ref('start_time');

/**
 * Whether a stored start ends in valid `:mm:ss` and is as long as `YYYY-MM-DD HH:mm:ss`, so its slot's first second,
 * read by the engine, is read exactly as the start itself would be (the rest, the day and hour, is read in
 * TypeScript). Always true on MySQL/MariaDB's `DATETIME`; on SQLite, where a start is text, one that is not is
 * counted by its exact text. Single characters compare by code point on SQLite's default collation.
 */
const isSlotReadable = sql<boolean>`(length(${start}) = 19 and substr(${start}, 14, 1) = ':' and substr(${start}, 17, 1) = ':' and substr(${start}, 15, 1) between '0' and '5' and substr(${start}, 16, 1) between '0' and '9' and substr(${start}, 18, 1) between '0' and '5' and substr(${start}, 19, 1) between '0' and '9')`;

/** The first minute (`mm`) of a start's slot, as SQL; `NULL` for a start that {@link isSlotReadable} refuses. */
function slotMinuteOf(slotMinutes: number): RawBuilder<string | null> {
  const minute = sql`substr(${start}, 15, 2)`;
  const first =
    slotMinutes === 1
      ? minute
      : sql`case when ${minute} < '15' then '00' when ${minute} < '30' then '15' when ${minute} < '45' then '30' else '45' end`;
  return sql<string | null>`case when ${isSlotReadable} then ${first} end`;
}

/**
 * Which cell a slot of UTC instants lies in on the site's clock, or `undefined` when it spans two cells. The offset is
 * read once per UTC day, at its first and last second (a slot's ends would cost two readings per slot, and reading
 * the zone is what takes the time); no zone changes its offset twice within a day, so equal readings hold for the
 * whole day. On a day in which the offset changes, it is read at the slot's own ends.
 */
function slotCells(timezone: SiteTimezone): (first: number, last: number) => number | undefined {
  const dayOffsets = new Map<number, number | null>();
  const steadyOffsetOfDay = (day: number): number | null => {
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const atStart = siteOffsetAt(day, timezone);
      offset = atStart === siteOffsetAt(day + DAY_MS - SECOND_MS, timezone) ? atStart : null;
      dayOffsets.set(day, offset);
    }
    return offset;
  };
  return (first, last) => {
    let offset = steadyOffsetOfDay(Math.floor(first / DAY_MS) * DAY_MS);
    if (offset === null) {
      offset = siteOffsetAt(first, timezone);
      if (offset !== siteOffsetAt(last, timezone)) return undefined;
    }
    const cell = heatmapCellAt(first, offset);
    return cell === heatmapCellAt(last, offset) ? cell : undefined;
  };
}

/**
 * The heatmap of the viewer's bookings (the request's filters included) created in the window: each placed at the
 * site-local weekday and hour its `start_time` names, one that cannot be read in none (`computeHeatmap`).
 *
 * One grouped pass over the range's bookings by slot (along the `created_at` index where there is one, as the
 * overview's count of the same bookings); a second, by exact `start_time`, only for the slots and starts the first
 * cannot place (see the file's comment).
 * @param db The site database.
 * @param window The range; `ALL_TIME` for every booking.
 * @param viewer Whose bookings, and the filters.
 * @param timezone The site timezone.
 */
export async function countHeatmap(
  db: Kysely<ReportsDatabase>,
  window: TimeWindow,
  viewer: Viewer,
  timezone: SiteTimezone,
): Promise<HeatmapResponse> {
  const cells = emptyHeatmapCells();
  const bounds = storedBounds(window);
  if (bounds.start > bounds.end) return heatmapOfCells(cells);
  const bookings = () => scoped(within(db.selectFrom('fcal_bookings'), 'created_at', bounds), viewer);

  const slotMinutes = slotMinutesOf(timezone);
  const slots = await bookings()
    .select((eb) => [
      sql<string>`substr(${start}, 1, 13)`.as('slot_hour'),
      slotMinuteOf(slotMinutes).as('slot_minute'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy([sql.ref('slot_hour'), sql.ref('slot_minute')])
    .execute();

  const cellOfSlot = slotCells(timezone);
  const recounted: { first: string; last: string }[] = [];
  let hasUnreadable = false;
  for (const slot of slots) {
    if (slot.slot_minute === null) {
      hasUnreadable = true;
      continue;
    }
    const first = `${slot.slot_hour}:${slot.slot_minute}:00`;
    const firstMs = storedUtcMs(first);
    // A slot whose first second cannot be read holds only starts that cannot be read: they are in no cell.
    if (Number.isNaN(firstMs)) continue;
    const cell = cellOfSlot(firstMs, firstMs + slotMinutes * MINUTE_MS - SECOND_MS);
    if (cell === undefined) {
      const lastMinute = String(Number(slot.slot_minute) + slotMinutes - 1).padStart(2, '0');
      recounted.push({ first, last: `${slot.slot_hour}:${lastMinute}:59` });
    } else {
      cells[cell] = (cells[cell] ?? 0) + Number(slot.count);
    }
  }
  if (!hasUnreadable && recounted.length === 0) return heatmapOfCells(cells);

  // The second pass: by exact start, of the slots above and the starts not stored as the slots read them, or, past
  // MAX_RECOUNTED_SLOTS, of every start in the range (whose slots are then counted afresh).
  const recountsAll = recounted.length > MAX_RECOUNTED_SLOTS;
  if (recountsAll) cells.fill(0);
  const starts = await bookings()
    .select((eb) => ['start_time', eb.fn.countAll<number>().as('count')])
    .$if(!recountsAll, (query) =>
      query.where((eb) =>
        eb.or([
          ...(hasUnreadable ? [eb.not(isSlotReadable)] : []),
          ...recounted.map((slot) =>
            eb.and([eb('start_time', '>=', slot.first), eb('start_time', '<=', slot.last)]),
          ),
        ]),
      ),
    )
    .groupBy('start_time')
    .execute();
  for (const row of starts) {
    const instant = storedUtcMs(row.start_time);
    if (Number.isNaN(instant)) continue;
    const cell = heatmapCellOf(instant, timezone);
    cells[cell] = (cells[cell] ?? 0) + Number(row.count);
  }
  return heatmapOfCells(cells);
}
