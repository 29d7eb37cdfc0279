// @vitest-environment node
/**
 * Figures for the report engine at 100,000 bookings (`npx vitest bench tests/unit/engine`). The real plugin answers
 * `/reports` in 650 ms and the graph in 110 ms at that size on this class of machine.
 */
import { bench, describe } from 'vitest';
import type { BookingStatus } from '../../../src/api/contract';
import type { SiteData } from '../../../src/data/schema';
import { handleReportsRequest } from '../../../src/engine';
import type { ReportSettings, Viewer } from '../../../src/engine';
import { formatUtc } from '../../../src/lib/siteTime';
import { booking, daysQuery, rangeQuery } from './fixtures';

const STATUSES: BookingStatus[] = ['scheduled', 'completed', 'cancelled', 'pending', 'rejected'];
const NOW = Date.UTC(2025, 5, 15, 12);
const SETTINGS: ReportSettings = { timezone: 'Europe/Berlin', startOfWeek: 1, now: NOW };
const ADMIN: Viewer = { userId: 1, role: 'administrator' };

/** Deterministic pseudo-random bookings over three years. */
function bigSite(count: number): SiteData {
  let seed = 1;
  const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
  const bookings = Array.from({ length: count }, (_, index) => {
    const created = NOW - Math.floor(random() * 3 * 365 * 86_400) * 1000;
    const start = created + Math.floor(random() * 60 * 86_400) * 1000;
    return booking({
      id: index + 1,
      group_id: index + 1,
      host_user_id: 1 + (index % 3),
      created_at: formatUtc(created),
      start_time: formatUtc(start),
      end_time: formatUtc(start + 1_800_000),
      status: STATUSES[index % STATUSES.length],
      email: `guest${index % 20_000}@example.test`,
    });
  });
  return { users: [], calendars: [], events: [], bookings, activities: [] };
}

const data = bigSite(100_000);
const request = (route: string, query: string) =>
  handleReportsRequest(data, route, new URLSearchParams(query), SETTINGS, ADMIN);

describe('report engine, 100,000 bookings', () => {
  bench('/reports, all time', () => {
    request('reports', '');
  });
  bench('/reports, one quarter', () => {
    request('reports', rangeQuery('2025-01-01 00:00:00', '2025-03-31 23:59:59'));
  });
  bench('/reports/graph-reports, 18 months', () => {
    request('reports/graph-reports', daysQuery('2024-01-01', '2025-06-15'));
  });
  bench('/reports/graph-reports, last 7 days', () => {
    request('reports/graph-reports', '');
  });
});
