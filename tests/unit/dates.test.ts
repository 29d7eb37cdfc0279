import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  comparisonQuery,
  DEFAULT_RANGE,
  previousPeriodOf,
  RANGE_PRESETS,
  isValidSelection,
  rangeRunsPastNow,
  resolveRange,
  sameRange,
  selectionFromQuery,
  selectionToQuery,
  todayInSite,
} from '../../src/lib/dates';
import type { RangePresetId, RangeSelection, SiteCalendar } from '../../src/lib/dates';
import { addDays, daysBetween } from '../../src/lib/siteTime';

const site = (timezone: string): SiteCalendar => ({ timezone, startOfWeek: 1 });
const at = (isoUtc: string): number => Date.parse(isoUtc);

/** `[startDay, endDay, dayCount]` of a preset, the three facts a reader checks against a calendar. */
function days(
  preset: RangePresetId,
  timezone: string,
  isoUtc: string,
): [string | null, string, number | null] {
  const range = resolveRange({ preset }, site(timezone), at(isoUtc));
  return [range.startDay, range.endDay, range.dayCount];
}

/** The site's local day at an instant, read through Intl as an independent oracle. */
function intlDay(utcMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(utcMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

describe('dates', () => {
  describe('resolveRange west of UTC (America/Los_Angeles, 2025-03-01 06:00 UTC is Feb 28 22:00 there)', () => {
    const now = '2025-03-01T06:00:00Z';
    const zone = 'America/Los_Angeles';

    it('returns the site day as today, not the UTC day', () => {
      expect(todayInSite(site(zone), at(now))).toBe('2025-02-28');
      expect(resolveRange({ preset: 'today' }, site(zone), at(now))).toEqual({
        selection: { preset: 'today' },
        startDay: '2025-02-28',
        endDay: '2025-02-28',
        reportsQuery: { startTime: '2025-02-28 00:00:00', endTime: '2025-02-28 23:59:59' },
        // One day more: a real site drops the last day asked for (and answers a one-day range with nothing).
        graphRange: ['2025-02-28', '2025-03-01'],
        graphDays: ['2025-02-28', '2025-02-28'],
        graphHistory: false,
        dayCount: 1,
      });
    });

    it.each<[RangePresetId, string, string, number, string]>([
      ['yesterday', '2025-02-27', '2025-02-27', 1, '2025-02-28'],
      ['last_7_days', '2025-02-22', '2025-02-28', 7, '2025-03-01'],
      ['last_30_days', '2025-01-30', '2025-02-28', 30, '2025-03-01'],
      ['this_month', '2025-02-01', '2025-02-28', 28, '2025-03-01'],
      ['last_month', '2025-01-01', '2025-01-31', 31, '2025-02-01'],
      // Graphed by week or month: asked as they are (a day more would count in the last bucket).
      ['last_3_months', '2024-11-29', '2025-02-28', 92, '2025-02-28'],
      ['this_year', '2025-01-01', '2025-02-28', 59, '2025-03-01'],
      ['last_year', '2024-01-01', '2024-12-31', 366, '2024-12-31'],
    ])(
      'returns %s as %s … %s (%i days), the graph asking to %s',
      (preset, startDay, endDay, dayCount, asked) => {
        const range = resolveRange({ preset }, site(zone), at(now));
        expect([range.startDay, range.endDay, range.dayCount]).toEqual([startDay, endDay, dayCount]);
        expect(range.reportsQuery).toEqual({
          startTime: `${startDay} 00:00:00`,
          endTime: `${endDay} 23:59:59`,
        });
        expect(range.graphRange).toEqual([startDay, asked]);
        expect(range.graphDays).toEqual([startDay, endDay]);
      },
    );

    it('asks the graph one day more up to 61 days, and 62 days as they are (63 would be graphed by week)', () => {
      const custom = (to: string) =>
        resolveRange({ preset: 'custom', from: '2025-01-01', to }, site(zone), at(now));
      expect(custom('2025-03-02').graphRange).toEqual(['2025-01-01', '2025-03-03']); // 61 days
      expect(custom('2025-03-03').graphRange).toEqual(['2025-01-01', '2025-03-03']); // 62 days
    });

    it('returns all time with no range for /reports and the last 12 months for the graph', () => {
      expect(resolveRange({ preset: 'all_time' }, site(zone), at(now))).toEqual({
        selection: { preset: 'all_time' },
        startDay: null,
        endDay: '2025-02-28',
        reportsQuery: {},
        graphRange: ['2024-03-01', '2025-02-28'],
        graphDays: ['2024-03-01', '2025-02-28'],
        graphHistory: true,
        dayCount: null,
      });
    });
  });

  describe('resolveRange at a half-hour offset (2025-01-31 19:00 UTC is already Feb 1 00:30)', () => {
    it.each(['+05:30', 'Asia/Kolkata'])('returns Feb 1 as today in %s', (zone) => {
      const now = '2025-01-31T19:00:00Z';
      expect(days('today', zone, now)).toEqual(['2025-02-01', '2025-02-01', 1]);
      expect(days('yesterday', zone, now)).toEqual(['2025-01-31', '2025-01-31', 1]);
      expect(days('this_month', zone, now)).toEqual(['2025-02-01', '2025-02-01', 1]);
      expect(days('last_month', zone, now)).toEqual(['2025-01-01', '2025-01-31', 31]);
      expect(days('last_3_months', zone, now)).toEqual(['2024-11-02', '2025-02-01', 92]);
      expect(days('this_year', zone, now)).toEqual(['2025-01-01', '2025-02-01', 32]);
    });

    it('returns Jan 31 as today half an hour earlier', () => {
      expect(todayInSite(site('+05:30'), at('2025-01-31T18:29:59Z'))).toBe('2025-01-31');
      expect(todayInSite(site('+05:30'), at('2025-01-31T18:30:00Z'))).toBe('2025-02-01');
    });
  });

  describe('resolveRange on DST change days (Europe/Berlin)', () => {
    it('returns the spring-forward day only until its local midnight (UTC+2 after the change)', () => {
      expect(todayInSite(site('Europe/Berlin'), at('2025-03-30T00:30:00Z'))).toBe('2025-03-30');
      expect(todayInSite(site('Europe/Berlin'), at('2025-03-30T21:59:59Z'))).toBe('2025-03-30');
      expect(todayInSite(site('Europe/Berlin'), at('2025-03-30T22:00:00Z'))).toBe('2025-03-31');
    });

    it('returns the fall-back day until 23:00 UTC (UTC+1 after the change)', () => {
      expect(todayInSite(site('Europe/Berlin'), at('2025-10-25T22:30:00Z'))).toBe('2025-10-26');
      expect(todayInSite(site('Europe/Berlin'), at('2025-10-26T22:30:00Z'))).toBe('2025-10-26');
      expect(todayInSite(site('Europe/Berlin'), at('2025-10-26T23:00:00Z'))).toBe('2025-10-27');
    });

    it('returns whole local days as wall-clock strings however long the day is', () => {
      const spring = resolveRange({ preset: 'today' }, site('Europe/Berlin'), at('2025-03-30T12:00:00Z'));
      expect(spring.reportsQuery).toEqual({
        startTime: '2025-03-30 00:00:00',
        endTime: '2025-03-30 23:59:59',
      });
      expect(days('last_7_days', 'Europe/Berlin', '2025-04-02T10:00:00Z')).toEqual([
        '2025-03-27',
        '2025-04-02',
        7,
      ]);
      expect(days('last_7_days', 'Europe/Berlin', '2025-10-29T10:00:00Z')).toEqual([
        '2025-10-23',
        '2025-10-29',
        7,
      ]);
    });
  });

  describe('resolveRange whatever the zone of the process running it', () => {
    // The same instant is a different day at each end of the world; only the site's zone may decide which.
    it.each<[string, string, string]>([
      ['Pacific/Kiritimati', '2025-06-16', '2025-05-18'],
      ['Pacific/Pago_Pago', '2025-06-15', '2025-05-17'],
      ['-11:00', '2025-06-15', '2025-05-17'],
      ['+14:00', '2025-06-16', '2025-05-18'],
    ])('returns %s days for 2025-06-15 12:00 UTC', (zone, today, thirtyDaysStart) => {
      expect(days('today', zone, '2025-06-15T12:00:00Z')).toEqual([today, today, 1]);
      expect(days('last_30_days', zone, '2025-06-15T12:00:00Z')).toEqual([thirtyDaysStart, today, 30]);
    });

    it('returns the same day as Intl for any instant and zone', () => {
      const zones = [
        'America/Los_Angeles',
        'Asia/Kolkata',
        'Europe/Berlin',
        'Pacific/Kiritimati',
        'America/St_Johns',
      ];
      fc.assert(
        fc.property(
          fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }),
          fc.constantFrom(...zones),
          (now, zone) => todayInSite(site(zone), now) === intlDay(now, zone),
        ),
      );
    });

    it('reads an unknown timezone as UTC instead of throwing', () => {
      expect(todayInSite(site('Mars/Olympus'), at('2025-03-01T06:00:00Z'))).toBe('2025-03-01');
    });
  });

  describe('resolveRange at month and year ends', () => {
    it('returns December of the previous year as last month in January', () => {
      expect(days('last_month', 'UTC', '2025-01-15T12:00:00Z')).toEqual(['2024-12-01', '2024-12-31', 31]);
      expect(days('last_year', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2024-01-01', '2024-12-31', 366]);
      expect(days('this_year', 'UTC', '2025-01-01T00:00:00Z')).toEqual(['2025-01-01', '2025-01-01', 1]);
    });

    it('returns last 3 months from Mar 1 on May 31, clamping Feb 31 to the end of February', () => {
      expect(days('last_3_months', 'UTC', '2025-05-31T12:00:00Z')).toEqual(['2025-03-01', '2025-05-31', 92]);
      expect(days('last_3_months', 'UTC', '2024-05-31T12:00:00Z')).toEqual(['2024-03-01', '2024-05-31', 92]);
      expect(days('last_3_months', 'UTC', '2025-03-15T12:00:00Z')).toEqual(['2024-12-16', '2025-03-15', 90]);
    });

    it('returns leap days: Feb 29 as yesterday on Mar 1 2024 and a 29-day February', () => {
      expect(days('yesterday', 'UTC', '2024-03-01T12:00:00Z')).toEqual(['2024-02-29', '2024-02-29', 1]);
      expect(days('last_month', 'UTC', '2024-03-01T12:00:00Z')).toEqual(['2024-02-01', '2024-02-29', 29]);
      expect(days('last_month', 'UTC', '2025-03-01T12:00:00Z')).toEqual(['2025-02-01', '2025-02-28', 28]);
      expect(days('last_30_days', 'UTC', '2024-03-01T12:00:00Z')).toEqual(['2024-02-01', '2024-03-01', 30]);
      expect(days('last_30_days', 'UTC', '2025-03-01T12:00:00Z')).toEqual(['2025-01-31', '2025-03-01', 30]);
    });

    it('returns all time graphing the 12 months up to today, from the first of the month 11 months ago', () => {
      expect(
        resolveRange({ preset: 'all_time' }, site('UTC'), at('2025-01-15T12:00:00Z')).graphRange,
      ).toEqual(['2024-02-01', '2025-01-15']);
      expect(
        resolveRange({ preset: 'all_time' }, site('UTC'), at('2024-12-31T12:00:00Z')).graphRange,
      ).toEqual(['2024-01-01', '2024-12-31']);
    });

    it('returns ranges that end today or earlier, start no later than they end and count their days', () => {
      const presets = RANGE_PRESETS.filter((preset) => preset !== 'custom' && preset !== 'all_time');
      fc.assert(
        fc.property(
          fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }),
          fc.constantFrom('UTC', 'Asia/Kolkata', 'America/Los_Angeles', '-03:30'),
          fc.constantFrom(...presets),
          (now, zone, preset) => {
            const range = resolveRange({ preset }, site(zone), now);
            const today = todayInSite(site(zone), now);
            const start = range.startDay ?? '';
            return (
              start <= range.endDay &&
              range.endDay <= today &&
              range.dayCount === daysBetween(start, range.endDay) + 1 &&
              addDays(start, (range.dayCount ?? 0) - 1) === range.endDay
            );
          },
        ),
      );
    });
  });

  describe('resolveRange for custom ranges', () => {
    const now = at('2025-03-01T06:00:00Z');

    it('returns both days inclusive', () => {
      const range = resolveRange(
        { preset: 'custom', from: '2025-01-01', to: '2025-01-31' },
        site('UTC'),
        now,
      );
      expect(range.reportsQuery).toEqual({
        startTime: '2025-01-01 00:00:00',
        endTime: '2025-01-31 23:59:59',
      });
      expect(range.graphRange).toEqual(['2025-01-01', '2025-02-01']);
      expect(range.graphDays).toEqual(['2025-01-01', '2025-01-31']);
      expect(range.dayCount).toBe(31);
    });

    it('returns a reversed range swapped, with the swapped selection', () => {
      const range = resolveRange(
        { preset: 'custom', from: '2025-02-10', to: '2025-02-01' },
        site('UTC'),
        now,
      );
      expect(range.selection).toEqual({ preset: 'custom', from: '2025-02-01', to: '2025-02-10' });
      expect([range.startDay, range.endDay, range.dayCount]).toEqual(['2025-02-01', '2025-02-10', 10]);
    });

    it.each<RangeSelection>([
      { preset: 'custom', from: '2025-02-30', to: '2025-03-01' },
      { preset: 'custom', from: '2025-02-01' },
      { preset: 'custom' },
      { preset: 'custom', from: 'yesterday', to: '2025-03-01' },
      { preset: 'next_week' as RangePresetId },
    ])('returns the default range for the unusable selection %j', (selection) => {
      const range = resolveRange(selection, site('America/Los_Angeles'), now);
      expect(range).toEqual(resolveRange(DEFAULT_RANGE, site('America/Los_Angeles'), now));
      expect(range.selection).toEqual({ preset: 'last_30_days' });
      expect(range.graphRange).toEqual(['2025-01-30', '2025-03-01']);
    });
  });

  describe('isValidSelection', () => {
    it.each<unknown>([
      { preset: 'today' },
      { preset: 'all_time' },
      { preset: 'custom', from: '2025-01-01', to: '2025-01-01' },
      { preset: 'custom', from: '2024-02-29', to: '2025-01-31' },
    ])('returns true for %j', (value) => {
      expect(isValidSelection(value)).toBe(true);
    });

    it.each<unknown>([
      null,
      'last_7_days',
      [],
      {},
      { preset: 'next_week' },
      { preset: 'today', from: 5 },
      { preset: 'custom' },
      { preset: 'custom', from: '2025-01-31', to: '2025-01-01' },
      { preset: 'custom', from: '2025-02-29', to: '2025-03-01' },
      { preset: 'custom', from: '2025-1-1', to: '2025-03-01' },
    ])('returns false for %j', (value) => {
      expect(isValidSelection(value)).toBe(false);
    });
  });

  describe('selectionToQuery and selectionFromQuery', () => {
    const roundTrip = (selection: RangeSelection) =>
      selectionFromQuery(new URLSearchParams(new URLSearchParams(selectionToQuery(selection)).toString()));

    it('returns the URL parameters of presets and custom ranges', () => {
      expect(selectionToQuery({ preset: 'last_7_days' })).toEqual({ range: 'last_7_days' });
      expect(selectionToQuery({ preset: 'custom', from: '2025-01-01', to: '2025-01-31' })).toEqual({
        range: 'custom',
        from: '2025-01-01',
        to: '2025-01-31',
      });
    });

    it.each(RANGE_PRESETS.filter((preset) => preset !== 'custom'))(
      'returns %s after a trip through the URL',
      (preset) => {
        expect(roundTrip({ preset })).toEqual({ preset });
      },
    );

    it('returns a custom range after a trip through the URL', () => {
      const selection: RangeSelection = { preset: 'custom', from: '2024-12-30', to: '2025-01-02' };
      expect(roundTrip(selection)).toEqual(selection);
    });

    it.each([
      '',
      'page=booking-reports',
      'range=next_week',
      'range=custom&from=2025-01-01',
      'range=custom&from=2025-02-30&to=2025-03-01',
      'range=custom&from=2025-03-01&to=2025-02-01',
    ])('returns undefined for "%s"', (search) => {
      expect(selectionFromQuery(new URLSearchParams(search))).toBeUndefined();
    });

    it('returns a preset without the days a hand-edited URL added to it', () => {
      expect(selectionFromQuery(new URLSearchParams('range=today&from=2025-01-01&to=2025-01-02'))).toEqual({
        preset: 'today',
      });
    });
  });

  describe('sameRange', () => {
    it('returns true for the same preset and for custom ranges over the same days', () => {
      expect(sameRange({ preset: 'today' }, { preset: 'today' })).toBe(true);
      expect(
        sameRange(
          { preset: 'custom', from: '2025-01-01', to: '2025-01-02' },
          { preset: 'custom', from: '2025-01-01', to: '2025-01-02' },
        ),
      ).toBe(true);
    });

    it('returns false for other presets or other days', () => {
      expect(sameRange({ preset: 'today' }, { preset: 'yesterday' })).toBe(false);
      expect(
        sameRange(
          { preset: 'custom', from: '2025-01-01', to: '2025-01-02' },
          { preset: 'custom', from: '2025-01-01', to: '2025-01-03' },
        ),
      ).toBe(false);
    });

    it('returns the default as the last 30 days', () => {
      expect(sameRange(DEFAULT_RANGE, { preset: 'last_30_days' })).toBe(true);
    });
  });
});

describe('previousPeriodOf', () => {
  const utc = site('UTC');

  it('is as many days as the range, ending the day before it starts, asked as the range is', () => {
    const period = previousPeriodOf(
      resolveRange(
        { preset: 'custom', from: '2025-03-01', to: '2025-03-31' },
        utc,
        at('2025-04-10T12:00:00Z'),
      ),
    );
    // Graphed by day, so asked a day longer (a real site drops the last day asked for), shown as the 31 days.
    expect(period).toEqual({
      graphDays: ['2025-01-29', '2025-02-28'],
      graphRange: ['2025-01-29', '2025-03-01'],
    });
    const year = previousPeriodOf(resolveRange({ preset: 'last_year' }, utc, at('2025-04-10T12:00:00Z')));
    // By month, so asked as it is; 2024 has 366 days, and so has the period before it, as the tiles count it.
    expect(year).toEqual({
      graphDays: ['2022-12-31', '2023-12-31'],
      graphRange: ['2022-12-31', '2023-12-31'],
    });
  });

  it('is none for all time, which has nothing before it', () => {
    expect(
      previousPeriodOf(resolveRange({ preset: 'all_time' }, utc, at('2025-04-10T12:00:00Z'))),
    ).toBeNull();
  });

  it('covers the days the tiles compare, for any range, where no DST change moves them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 400 }), (offset, length) => {
        const from = addDays('2020-01-01', offset);
        const range = resolveRange(
          { preset: 'custom', from, to: addDays(from, length) },
          utc,
          at('2030-01-01T00:00:00Z'),
        );
        const period = previousPeriodOf(range);
        const tiles = comparisonQuery(range, utc);
        return (
          period !== null &&
          tiles !== undefined &&
          daysBetween(...period.graphDays) === length &&
          period.graphDays[1] === addDays(from, -1) &&
          period.graphDays[0] === tiles.startTime.slice(0, 10) &&
          period.graphDays[1] === tiles.endTime.slice(0, 10)
        );
      }),
    );
  });
});

describe('comparisonQuery', () => {
  const berlin = site('Europe/Berlin');
  const query = (selection: RangeSelection, isoUtc: string, calendar = berlin) =>
    comparisonQuery(resolveRange(selection, calendar, at(isoUtc)), calendar);

  it('is the window of equal length ending one second before the range starts', () => {
    expect(query({ preset: 'custom', from: '2025-01-01', to: '2025-01-31' }, '2025-02-10T12:00:00Z')).toEqual(
      {
        startTime: '2024-12-01 00:00:00',
        endTime: '2024-12-31 23:59:59',
      },
    );
    // "Today" at 02:00 is compared with all of yesterday.
    expect(query({ preset: 'today' }, '2025-06-15T00:00:00Z')).toEqual({
      startTime: '2025-06-14 00:00:00',
      endTime: '2025-06-14 23:59:59',
    });
  });

  it('is measured in real seconds across a DST change, as the server counts it', () => {
    // 1–31 March 2025 in Berlin is 743 hours (the spring day has 23): the window before starts an hour later.
    expect(query({ preset: 'custom', from: '2025-03-01', to: '2025-03-31' }, '2025-04-10T12:00:00Z')).toEqual(
      {
        startTime: '2025-01-29 01:00:00',
        endTime: '2025-02-28 23:59:59',
      },
    );
    expect(
      query(
        { preset: 'custom', from: '2025-03-01', to: '2025-03-31' },
        '2025-04-10T12:00:00Z',
        site('+05:30'),
      ),
    ).toEqual({
      startTime: '2025-01-29 00:00:00',
      endTime: '2025-02-28 23:59:59',
    });
  });

  it('has no window for all time', () => {
    expect(query({ preset: 'all_time' }, '2025-06-15T00:00:00Z')).toBeUndefined();
  });
});

describe('rangeRunsPastNow', () => {
  const berlin = site('Europe/Berlin');
  const runsPast = (preset: RangePresetId, isoUtc: string) =>
    rangeRunsPastNow(resolveRange({ preset }, berlin, at(isoUtc)), berlin, at(isoUtc));

  it('is true for ranges that end today, false for whole past ranges and all time', () => {
    for (const preset of ['today', 'last_7_days', 'this_month', 'this_year'] as const) {
      expect(runsPast(preset, '2025-06-15T00:00:00Z'), preset).toBe(true);
    }
    for (const preset of ['yesterday', 'last_month', 'last_year', 'all_time'] as const) {
      expect(runsPast(preset, '2025-06-15T00:00:00Z'), preset).toBe(false);
    }
  });
});
