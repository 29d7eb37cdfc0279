// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeatmapResponse, ReportsResponse, WpError } from '../../../src/api/types';
import type { BookingRow, SiteData } from '../../../src/data/schema';
import { handleReportsRequest } from '../../../src/engine';
import type { ReportSettings, Viewer } from '../../../src/engine';
import { formatUtc } from '../../../src/lib/siteTime';
import { ADMIN, booking, HOST_BOB, rangeQuery, reportsOf, site, UTC_SITE } from './fixtures';

const BERLIN: ReportSettings = { ...UTC_SITE, timezone: 'Europe/Berlin' };
const KATHMANDU: ReportSettings = { ...UTC_SITE, timezone: '+05:45' };

/** `GET /reports/heatmap?query` as the wire carries it: status and the JSON body. */
function heatmapRequest(data: SiteData, query = '', settings = UTC_SITE, viewer: Viewer = ADMIN) {
  const { status, body } = handleReportsRequest(
    data,
    'reports/heatmap',
    new URLSearchParams(query),
    settings,
    viewer,
  );
  return { status, body: JSON.parse(JSON.stringify(body)) as unknown };
}

/** The heatmap's answer; throws on an error answer. */
function heatmapOf(data: SiteData, query = '', settings = UTC_SITE, viewer: Viewer = ADMIN): HeatmapResponse {
  const { status, body } = heatmapRequest(data, query, settings, viewer);
  if (status !== 200) throw new Error(`heatmap?${query} answered ${status}: ${JSON.stringify(body)}`);
  return body as HeatmapResponse;
}

/** The cells that are not zero, as `weekday hour: count` (weekday 0 is Sunday). */
function cellsOf(heatmap: HeatmapResponse): Record<string, number> {
  const cells: Record<string, number> = {};
  heatmap.weekday_hours.forEach((hours, weekday) =>
    hours.forEach((count, hour) => {
      if (count !== 0) cells[`${weekday} ${hour}`] = count;
    }),
  );
  return cells;
}

const total = (heatmap: HeatmapResponse): number =>
  heatmap.weekday_hours.flat().reduce((sum, count) => sum + count, 0);

/** Bookings made on 2025-01-05, one per start (UTC), ids from 1. */
const startingAt = (starts: readonly string[], fields: Partial<BookingRow> = {}): BookingRow[] =>
  starts.map((start_time, index) =>
    booking({ id: index + 1, created_at: '2025-01-05 12:00:00', start_time, ...fields }),
  );

describe('computeHeatmap (GET /reports/heatmap)', () => {
  it('answers seven weekday rows, Sunday first, of 24 hours each, every cell zero without bookings', () => {
    const heatmap = heatmapOf(site([]));
    expect(heatmap.weekday_hours).toHaveLength(7);
    for (const hours of heatmap.weekday_hours) expect(hours).toEqual(new Array(24).fill(0));
  });

  it('places a start at its Berlin weekday and hour across the spring and autumn DST changes', () => {
    const data = site(
      startingAt([
        // Sunday 2025-03-30: clocks go from 02:00 CET to 03:00 CEST at 01:00Z.
        '2025-03-30 00:59:59', // 01:59:59 CET
        '2025-03-30 01:00:00', // 03:00:00 CEST
        '2025-03-29 23:00:00', // Sunday 00:00 CET
        '2025-03-29 22:59:59', // Saturday 23:59:59 CET
        // Sunday 2025-10-26: clocks go back from 03:00 CEST to 02:00 CET at 01:00Z, so 02:xx happens twice.
        '2025-10-26 00:30:00', // 02:30 CEST
        '2025-10-26 01:30:00', // 02:30 CET
        '2025-10-26 02:00:00', // 03:00 CET
        '2025-07-01 12:00:00', // Tuesday 14:00 CEST
        '2025-01-10 12:00:00', // Friday 13:00 CET
      ]),
    );
    expect(cellsOf(heatmapOf(data, '', BERLIN))).toEqual({
      '0 1': 1,
      '0 3': 2,
      '0 0': 1,
      '6 23': 1,
      '0 2': 2,
      '2 14': 1,
      '5 13': 1,
    });
  });

  it('places a start by a fixed offset of quarter hours, +05:45', () => {
    const data = site(
      startingAt([
        '2025-01-10 18:14:59', // Friday 23:59:59
        '2025-01-10 18:15:00', // Saturday 00:00:00
        '2025-01-11 04:14:59', // Saturday 09:59:59
        '2025-01-11 04:15:00', // Saturday 10:00:00
      ]),
    );
    expect(cellsOf(heatmapOf(data, '', KATHMANDU))).toEqual({ '5 23': 1, '6 0': 1, '6 9': 1, '6 10': 1 });
    // The same starts on a UTC site.
    expect(cellsOf(heatmapOf(data))).toEqual({ '5 18': 2, '6 4': 2 });
  });

  it('counts the bookings made in the range, whenever their meetings start, to the second', () => {
    const data = site([
      booking({ id: 1, created_at: '2025-01-09 23:59:59', start_time: '2025-01-15 10:00:00' }),
      booking({ id: 2, created_at: '2025-01-10 00:00:00', start_time: '2024-06-01 10:00:00' }),
      booking({ id: 3, created_at: '2025-01-19 23:59:59', start_time: '2030-01-01 10:00:00' }),
      booking({ id: 4, created_at: '2025-01-20 00:00:00', start_time: '2025-01-15 10:00:00' }),
    ]);
    const heatmap = heatmapOf(data, rangeQuery('2025-01-10 00:00:00', '2025-01-19 23:59:59'));
    // 2 starts on Saturday 2024-06-01, 3 on Tuesday 2030-01-01.
    expect(cellsOf(heatmap)).toEqual({ '6 10': 1, '2 10': 1 });
    expect(total(heatmapOf(data))).toBe(4);
  });

  it('leaves out a booking whose start cannot be read, and reads one stored with an offset', () => {
    const data = site(
      startingAt(['2025-01-05 10:00:00', 'soon', '2025-02-30 10:00:00', '2025-01-05T10:00:00+02:00']),
    );
    expect(cellsOf(heatmapOf(data))).toEqual({ '0 10': 1, '0 8': 1 });
    expect(reportsOf(data).overview[0]?.number).toBe(4);
  });

  it('counts only a host’s own bookings for a host, narrowed further by the filters', () => {
    const data = site([
      ...startingAt(['2025-01-06 09:00:00', '2025-01-06 09:30:00'], { host_user_id: 2 }),
      booking({
        id: 3,
        created_at: '2025-01-05 12:00:00',
        start_time: '2025-01-06 09:00:00',
        host_user_id: 1,
      }),
      booking({
        id: 4,
        created_at: '2025-01-05 12:00:00',
        start_time: '2025-01-07 09:00:00',
        host_user_id: 2,
        event_id: 2,
      }),
    ]);
    expect(cellsOf(heatmapOf(data, '', UTC_SITE, HOST_BOB))).toEqual({ '1 9': 2, '2 9': 1 });
    expect(cellsOf(heatmapOf(data, 'event_id=2', UTC_SITE, HOST_BOB))).toEqual({ '2 9': 1 });
    expect(cellsOf(heatmapOf(data))).toEqual({ '1 9': 3, '2 9': 1 });
    expect(cellsOf(heatmapOf(data, 'host_id=1'))).toEqual({ '1 9': 1 });
    // Bob asking for Alice's bookings sees none of them.
    expect(total(heatmapOf(data, 'host_id=1', UTC_SITE, HOST_BOB))).toBe(0);
  });

  it('refuses a bad range or filter with 400 rest_invalid_param naming it, the range first', () => {
    const data = site([booking()]);
    const refused = (query: string): string[] => {
      const { status, body } = heatmapRequest(data, query);
      expect(status, query).toBe(400);
      expect(body, query).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } });
      return Object.keys((body as WpError).data?.params ?? {});
    };
    expect(refused('startTime=2025-01-01+00:00:00')).toEqual(['endTime']);
    expect(refused(rangeQuery('2025-01-02 00:00:00', '2025-01-01 00:00:00'))).toEqual(['endTime']);
    expect(refused(rangeQuery('2025-01-01', '2025-01-02 00:00:00'))).toEqual(['startTime']);
    expect(refused(rangeQuery('2010-01-01 00:00:00', '2020-01-01 00:00:00'))).toEqual(['endTime']);
    expect(refused('calendar_id=0')).toEqual(['calendar_id']);
    expect(refused('host_id=1&host_id=1')).toEqual(['host_id']);
    expect(refused('endTime=2025-01-01+00:00:00&event_id=x')).toEqual(['startTime']);
  });

  it('adds up to the Total Bookings of /reports for the same range, filters, viewer and zone', () => {
    const first = Date.UTC(2024, 0, 1);
    const instant = fc.integer({ min: 0, max: 2 * 366 * 96 }).map((quarter) => first + quarter * 900_000);
    const wallTime = fc
      .tuple(fc.integer({ min: -20, max: 2 * 366 + 20 }), fc.integer({ min: 0, max: 86_399 }))
      .map(([day, second]) => formatUtc(first + day * 86_400_000 + second * 1000));
    const bookings = fc.array(
      fc.record({
        created: fc.oneof(
          instant,
          instant.map((at) => at - 1000),
        ),
        start: instant,
        host: fc.constantFrom(1, 2),
        event: fc.constantFrom(1, 2),
      }),
      { maxLength: 40 },
    );
    const query = fc.oneof(
      fc.constant(''),
      fc.tuple(wallTime, wallTime).map(([a, b]) => (a <= b ? rangeQuery(a, b) : rangeQuery(b, a))),
    );
    fc.assert(
      fc.property(
        bookings,
        query,
        fc.constantFrom('', 'host_id=1', 'event_id=2', 'host_id=2&event_id=1'),
        fc.constantFrom('Europe/Berlin', 'America/New_York', '+05:45', 'Asia/Kathmandu', 'UTC'),
        fc.constantFrom(ADMIN, HOST_BOB),
        (rows, range, filters, timezone, viewer) => {
          const data = site(
            rows.map((row, index) =>
              booking({
                id: index + 1,
                created_at: formatUtc(row.created),
                start_time: formatUtc(row.start),
                host_user_id: row.host,
                event_id: row.event,
              }),
            ),
          );
          const settings = { ...UTC_SITE, timezone };
          const params = [range, filters].filter(Boolean).join('&');
          const reports = handleReportsRequest(data, 'reports', new URLSearchParams(params), settings, viewer)
            .body as ReportsResponse;
          expect(total(heatmapOf(data, params, settings, viewer))).toBe(reports.overview[0]?.number);
        },
      ),
    );
  });

  it('answers the same whatever now is', () => {
    const data = site(startingAt(['2025-01-05 10:00:00', '2025-03-30 01:00:00']));
    for (const query of ['', rangeQuery('2025-01-01 00:00:00', '2025-01-31 23:59:59')]) {
      const early = heatmapOf(data, query, { ...BERLIN, now: Date.UTC(2020, 0, 1) });
      expect(heatmapOf(data, query, { ...BERLIN, now: Date.UTC(2030, 6, 1) }), query).toEqual(early);
    }
  });
});
