/**
 * Fuzzing the query strings of the endpoints over real HTTP: whatever arrives, the answer is never a 5xx, and
 * anything but a success is WordPress `WP_Error` JSON.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportsResponse } from '../../../src/api/types';
import { MAX_URL_LENGTH } from '../../../server/app';
import { booking, getRest, login, site, startServer } from '../support';
import type { Session, TestDatabaseFactory, TestServer } from '../support';

const KEYS = [
  'startTime',
  'endTime',
  'startTime[]',
  'endTime[0]',
  'date_range[0]',
  'date_range[1]',
  'date_range[]',
  'date_range[5]',
  'date_range',
  'date_range[0][1]',
  'date_range%5B0%5D',
  'date_range%5B1%5D',
  'host_id',
  'calendar_id',
  'event_id',
  'host_id[]',
  'event_id%5B0%5D',
  '%zz',
  '',
  '_wpnonce',
  'user',
  'дата',
] as const;

const VALUES = [
  '2025-01-01',
  '2025-01-31',
  '2025-02-30',
  '2025-13-01',
  '0000-01-01',
  '9999-12-31',
  '2025-01-01 00:00:00',
  '2025-01-31%2023:59:59',
  '2025-01-31+23:59:59',
  '2025-02-30 00:00:00',
  '2025-03-30 02:30:00',
  '2024-12-31 24:00:00',
  '2025-1-1',
  '',
  ' ',
  "' OR 1=1 --",
  '1; DROP TABLE wp_fcal_bookings; --',
  '") UNION SELECT * FROM wp_users --',
  '%zz',
  '%',
  '%00',
  '%E2%80%AE',
  '日本語',
  '🙂',
  'null',
  'undefined',
  '[]',
  '{}',
  '-1',
  '0',
  '1',
  '2',
  '01',
  '1.5',
  '9007199254740993',
  '1e309',
  'NaN',
] as const;

const value = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(10_240)) },
);
const key = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map(encodeURIComponent) },
);
/** A raw query string: pairs, bare keys, doubled separators and, at most once, a 10 KB value. */
const queryString = fc
  .array(
    fc.oneof(
      fc.tuple(key, value).map(([name, text]) => `${name}=${text}`),
      key,
      fc.constantFrom('&', '=', '=='),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.join('&'))
  .filter((query) => query.length < 12_000);
const path = fc.constantFrom('reports', 'reports/graph-reports', 'reports/activities', 'reports/filters');

function expectWpError(status: number, body: unknown): void {
  expect(body).toMatchObject({ code: expect.any(String), message: expect.any(String), data: { status } });
}

/**
 * Registers the suite's tests on one engine's databases.
 * @param databases Where each test server's database lives.
 */
export function defineFuzzTests(databases: TestDatabaseFactory): void {
  describe(`Reference backend fuzzing${databases.label}`, () => {
    let server: TestServer;
    let admin: Session;

    beforeAll(async () => {
      server = await startServer({
        databases,
        data: site([booking({ id: 1, created_at: '2025-01-10 10:00:00', status: 'completed' })]),
        timezone: 'Europe/Berlin',
        now: Date.parse('2025-02-01T12:00:00Z'),
      });
      admin = await login(server);
    });
    afterAll(() => server.close());

    it('returns no 5xx and only WP_Error JSON for 1,000 random and malformed query strings', async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(path, queryString, async (endpoint, query) => {
          const { status, body } = await getRest(server, `${endpoint}?${query}`, admin);
          statuses.add(status);
          expect(status).toBeLessThan(500);
          if (status === 200) expect(typeof body).toBe('object');
          else expectWpError(status, body);
        }),
        { numRuns: 1000 },
      );
      // The fuzz reached both outcomes, so it tested the validation and not only a wall of errors.
      expect(statuses).toContain(200);
      expect(statuses).toContain(400);

      const after = await getRest<ReportsResponse>(server, 'reports', admin);
      expect(after.body.overview[0]?.number).toBe(1);
    }, 60_000);

    it('returns 414 WP_Error JSON for a URL over the limit, not a bare error', async () => {
      const { status, body } = await getRest(
        server,
        `reports?startTime=${'9'.repeat(MAX_URL_LENGTH)}`,
        admin,
      );
      expect(status).toBe(414);
      expectWpError(414, body);
    });

    it('returns WP_Error JSON for malformed paths', async () => {
      for (const bad of ['reports%zz', 'reports/%E0%A4%A', '../reports', 'reports/graph-reports/']) {
        const { status, body } = await getRest(server, bad, admin);
        expect(status).toBeLessThan(500);
        if (status !== 200) expectWpError(status, body);
      }
    });
  });
}
