import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localToUtcMs } from '../../../src/lib/siteTime';
import { useRangeStore } from '../../../src/stores/range';
import { setUpStores } from './fakeApi';

const STORAGE_KEY = 'booking-reports:range:http://site.test/wp-json/fluent-booking/v2/';
const berlin = (local: string) => localToUtcMs(local, 'Europe/Berlin')!;

beforeEach(() => {
  window.history.replaceState(null, '', '/wp-admin/admin.php?page=booking-reports');
  window.localStorage.clear();
});

afterEach(() => {
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
});

describe('useRangeStore', () => {
  it('starts on the last 30 days when nothing was remembered or asked for', () => {
    setUpStores({ persistence: 'url' });
    const range = useRangeStore();

    range.initialise();

    expect(range.selection).toEqual({ preset: 'last_30_days' });
    expect(range.resolved.reportsQuery).toEqual({
      startTime: '2025-10-28 00:00:00',
      endTime: '2025-11-26 23:59:59',
    });
  });

  it('starts on the host’s range option when nothing was remembered', () => {
    setUpStores({ persistence: 'storage', storageKey: STORAGE_KEY });
    const range = useRangeStore();

    range.initialise({ preset: 'this_year' });

    expect(range.selection).toEqual({ preset: 'this_year' });
  });

  describe('with url persistence', () => {
    it('starts from the page URL’s range', () => {
      window.history.replaceState(null, '', '?range=last_7_days');
      setUpStores({ persistence: 'url' });
      const range = useRangeStore();

      range.initialise({ preset: 'this_year' });

      expect(range.selection).toEqual({ preset: 'last_7_days' });
      expect(range.resolved.graphDays).toEqual(['2025-11-20', '2025-11-26']);
    });

    it('starts from a custom range in the page URL', () => {
      window.history.replaceState(null, '', '?range=custom&from=2025-10-01&to=2025-10-15');
      setUpStores({ persistence: 'url' });
      const range = useRangeStore();

      range.initialise();

      expect(range.selection).toEqual({ preset: 'custom', from: '2025-10-01', to: '2025-10-15' });
    });

    it.each([
      '?range=last_70_days',
      '?range=custom&from=2025-10-15&to=2025-10-01',
      '?range=custom&from=2025-02-30&to=2025-03-01',
      '?range=custom',
    ])('ignores the unusable %s and uses the host’s range', (search) => {
      window.history.replaceState(null, '', search);
      setUpStores({ persistence: 'url' });
      const range = useRangeStore();

      range.initialise({ preset: 'yesterday' });

      expect(range.selection).toEqual({ preset: 'yesterday' });
    });

    it('writes the selection into the page URL, keeping the page’s own parameters', () => {
      setUpStores({ persistence: 'url' });
      const range = useRangeStore();
      range.initialise();

      range.select({ preset: 'custom', from: '2025-10-01', to: '2025-10-15' });
      expect(window.location.pathname).toBe('/wp-admin/admin.php');
      expect(window.location.search).toBe('?page=booking-reports&range=custom&from=2025-10-01&to=2025-10-15');

      range.select({ preset: 'this_month' });
      expect(window.location.search).toBe('?page=booking-reports&range=this_month');
      expect(window.localStorage.length).toBe(0);
    });
  });

  describe('with storage persistence', () => {
    it('starts from the range stored under its key', () => {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ preset: 'last_month' }));
      window.localStorage.setItem('booking-reports:range:http://other.test/', '{"preset":"today"}');
      setUpStores({ persistence: 'storage', storageKey: STORAGE_KEY });
      const range = useRangeStore();

      range.initialise({ preset: 'this_year' });

      expect(range.selection).toEqual({ preset: 'last_month' });
    });

    it.each(['not json', '{"preset":"someday"}', '{"preset":"custom","from":"2025-10-01"}', '42'])(
      'ignores the stored %s and uses the host’s range',
      (stored) => {
        window.localStorage.setItem(STORAGE_KEY, stored);
        setUpStores({ persistence: 'storage', storageKey: STORAGE_KEY });
        const range = useRangeStore();

        range.initialise({ preset: 'this_year' });

        expect(range.selection).toEqual({ preset: 'this_year' });
      },
    );

    it('stores every new selection and leaves the page URL alone', () => {
      setUpStores({ persistence: 'storage', storageKey: STORAGE_KEY });
      const range = useRangeStore();
      range.initialise();

      range.select({ preset: 'custom', from: '2025-10-01', to: '2025-10-15' });

      expect(JSON.parse(window.localStorage.getItem(STORAGE_KEY)!)).toEqual({
        preset: 'custom',
        from: '2025-10-01',
        to: '2025-10-15',
      });
      expect(window.location.search).toBe('?page=booking-reports');
    });
  });

  it('remembers nothing with persistence none', () => {
    window.history.replaceState(null, '', '?range=last_7_days');
    setUpStores({ persistence: 'none' });
    const range = useRangeStore();
    range.initialise();
    expect(range.selection).toEqual({ preset: 'last_30_days' });

    range.select({ preset: 'today' });

    expect(window.location.search).toBe('?range=last_7_days');
    expect(window.localStorage.length).toBe(0);
  });

  it('ignores an invalid selection', () => {
    setUpStores();
    const range = useRangeStore();
    range.initialise();

    range.select({ preset: 'custom', from: '2025-10-15', to: '2025-10-01' });

    expect(range.selection).toEqual({ preset: 'last_30_days' });
  });

  describe('queryKey', () => {
    it('stays the same while the clock ticks within one site day, and changes at the site’s midnight', () => {
      let now = berlin('2025-11-26 00:00:30');
      const { services } = setUpStores({ now: () => now });
      const range = useRangeStore();
      range.initialise({ preset: 'last_7_days' });
      const firstKey = range.queryKey;

      // 01:30 in Berlin is past midnight in UTC: only the site's midnight counts.
      for (const time of ['2025-11-26 01:30:00', '2025-11-26 12:00:00', '2025-11-26 23:59:59']) {
        now = berlin(time);
        services.clock.tick();
        expect(range.queryKey).toBe(firstKey);
      }

      now = berlin('2025-11-27 00:00:00');
      services.clock.tick();

      expect(range.queryKey).not.toBe(firstKey);
      expect(range.resolved.reportsQuery).toEqual({
        startTime: '2025-11-21 00:00:00',
        endTime: '2025-11-27 23:59:59',
      });
    });

    it('reloads the reports once the site’s day has changed, not before', async () => {
      let now = berlin('2025-11-26 23:59:00');
      const { fake, services } = setUpStores({ now: () => now, initial: { preset: 'today' } });

      now = berlin('2025-11-26 23:59:59');
      services.clock.tick();
      await flushPromises();
      expect(fake.reports).toHaveLength(0);

      now = berlin('2025-11-27 00:00:01');
      services.clock.tick();
      await flushPromises();
      expect(fake.reports.map((call) => call.query)).toEqual([
        { startTime: '2025-11-27 00:00:00', endTime: '2025-11-27 23:59:59' },
      ]);
    });
  });
});
