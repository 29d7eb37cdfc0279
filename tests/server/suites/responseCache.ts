/**
 * The response cache, over HTTP: what the database is asked (every query counted where Kysely runs it), and that
 * every answer is the one the report code computes at that moment over those rows, after writes and at other
 * instants. Shared by SQLite (`../responseCache.test.ts`) and MariaDB (`tests/mariadb/responseCache.test.ts`).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CompiledQuery, Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivitiesResponse, ReportsResponse } from '../../../src/api/types';
import type { SiteData } from '../../../src/data/schema';
import type { ReportSettings, Viewer } from '../../../src/engine';
import { buildServer } from '../../../server/app';
import type { SiteDatabase } from '../../../server/db/connection';
import type { ReportsDatabase } from '../../../server/db/tables';
import { answerActivities, answerGraph, answerReports } from '../../../server/reports/answers';
import { dataVersionOf } from '../../../server/reports/cache';
import { activity, booking, getRest, login, site } from '../support';
import type { Session } from '../support';
import { listenOnLoopback } from '../../../scripts/localBackend';

/** A site database as the server reads it, and connections that write it. */
export interface CacheTestDatabase {
  site: SiteDatabase;
  /** Connections that write the rows, by what they are (the server's own connection, another process's). */
  writers: Record<string, Kysely<ReportsDatabase>>;
  /** Whether `site.db` is the server's own connection that can hold a transaction open while it serves. */
  ownTransactions: boolean;
  /**
   * Whether the data version may change with no write to the site's rows (MariaDB's log sequence number moves with
   * any write on the server): a query count is then asserted only when the version did not move meanwhile.
   */
  versionMovesOnItsOwn?: boolean;
  cleanUp(): Promise<void>;
}

/** How a suite's databases are made. */
export interface CacheTestDatabases {
  label: string;
  /** A new database holding `data`, read by a site that reports every query to `onQuery`. */
  create(data: SiteData, onQuery: (query: CompiledQuery) => void): Promise<CacheTestDatabase>;
}

const TIMEZONE = 'Europe/Berlin';
/** Tuesday 2025-06-10, 12:00 in Berlin. */
const NOW = Date.parse('2025-06-10T10:00:00Z');
const SECOND_MS = 1000;

const RANGE = new URLSearchParams({ startTime: '2025-05-12 00:00:00', endTime: '2025-06-10 23:59:59' });
const GRAPH = new URLSearchParams({ 'date_range[0]': '2025-05-12', 'date_range[1]': '2025-06-10' });
/** What the dashboard asks when it opens on the last 30 days. */
const DASHBOARD = [
  `reports?${RANGE.toString()}`,
  `reports/graph-reports?${GRAPH.toString()}`,
  'reports/activities',
] as const;

const ADMIN: Viewer = { userId: 1, role: 'administrator' };
const SECOND_ADMIN: Viewer = { userId: 4, role: 'administrator' };
const HANNA: Viewer = { userId: 2, role: 'host' };
const OTTO: Viewer = { userId: 3, role: 'host' };

function dataset(): SiteData {
  const data = site(
    [
      // Hanna's next meeting, ending at 11:00:00 UTC on the day of NOW.
      booking({
        id: 1,
        created_at: '2025-06-01 09:00:00',
        start_time: '2025-06-10 10:30:00',
        end_time: '2025-06-10 11:00:00',
      }),
      booking({
        id: 2,
        host_user_id: 3,
        event_id: 11,
        calendar_id: 2,
        created_at: '2025-06-02 09:00:00',
        start_time: '2025-06-12 09:00:00',
        end_time: '2025-06-12 09:30:00',
      }),
      booking({
        id: 3,
        created_at: '2025-06-03 09:00:00',
        start_time: '2025-06-05 09:00:00',
        end_time: '2025-06-05 09:30:00',
        status: 'completed',
      }),
      // Created exactly 30 days before NOW (same wall time in Berlin): in all time's 30 days at NOW, not a second later.
      booking({
        id: 4,
        host_user_id: 3,
        event_id: 11,
        calendar_id: 2,
        created_at: '2025-05-11 10:00:00',
        start_time: '2025-05-11 10:00:00',
        end_time: '2025-05-11 10:30:00',
        status: 'cancelled',
      }),
    ],
    [
      activity({ id: 1, booking_id: 1, created_at: '2025-06-01 09:00:00' }),
      activity({ id: 2, booking_id: 2, created_at: '2025-06-02 09:00:00' }),
    ],
  );
  return {
    ...data,
    users: [
      ...data.users,
      { ID: 4, display_name: 'Bea Admin', user_email: 'bea@example.com', role: 'administrator' },
    ],
  };
}

/** Defines the suite over one kind of database. */
export function defineResponseCacheTests(databases: CacheTestDatabases): void {
  describe(`The response cache${databases.label}`, () => {
    let app: FastifyInstance | undefined;
    let database: CacheTestDatabase | undefined;
    afterEach(async () => {
      await app?.close();
      await database?.cleanUp();
      app = undefined;
      database = undefined;
    });

    const queries: CompiledQuery[] = [];
    /** Off while the test's own oracle reads the rows. */
    let counting = true;
    /** The queries that read report rows (logins read users and calendars, the data version reads no table). */
    const reportQueries = (): number =>
      queries.filter((query) => /fcal_(bookings|booking_activity|calendar_events)\b/.test(query.sql)).length;
    const clock = { now: NOW };

    async function start() {
      queries.length = 0;
      clock.now = NOW;
      database = await databases.create(dataset(), (query) => {
        if (counting) queries.push(query);
      });
      const { site: served } = database;
      app = await buildServer({
        site: served,
        timezone: TIMEZONE,
        startOfWeek: 1,
        secret: 'test-secret',
        now: () => clock.now,
        quiet: true,
        distDir: join(tmpdir(), 'booking-reports-no-dist'),
        responseCache: true,
      });
      const server = { origin: await listenOnLoopback(app) };
      const sessions = new Map<number, Session>();
      for (const viewer of [ADMIN, SECOND_ADMIN, HANNA, OTTO]) {
        sessions.set(viewer.userId, await login(server, viewer.userId));
      }
      const get = async <T = unknown>(viewer: Viewer, path: string) => {
        const response = await getRest<T>(server, path, sessions.get(viewer.userId));
        expect(response.status).toBe(200);
        return response;
      };
      /** What the report code answers now, over the rows as they are, without the server or its cache. */
      const fresh = async (viewer: Viewer, path: string): Promise<unknown> => {
        const [route = '', query = ''] = path.split('?');
        const params = new URLSearchParams(query);
        const settings: ReportSettings = { timezone: TIMEZONE, startOfWeek: 1, now: clock.now };
        const result =
          route === 'reports/activities'
            ? await answerActivities(served.db, params, viewer)
            : route === 'reports'
              ? await answerReports(served.db, params, settings, viewer)
              : await answerGraph(served.db, params, settings, viewer);
        if (!result.ok) throw new Error(`${path}: ${result.error.code}`);
        return result.value;
      };
      /** Asks `path` and expects exactly what the report code answers now. */
      const expectFresh = async <T = unknown>(viewer: Viewer, path: string): Promise<T> => {
        const { body } = await get<T>(viewer, path);
        counting = false;
        try {
          expect(body).toEqual(await fresh(viewer, path));
        } finally {
          counting = true;
        }
        return body;
      };
      return { sessions, get, fresh, expectFresh, served };
    }

    it('serves ten dashboard loads by two administrators with one set of queries', async (context) => {
      const { sessions, get, served } = await start();
      const version = dataVersionOf(served);
      const startedAt = await version();
      const first = await Promise.all(DASHBOARD.map((path) => get(ADMIN, path)));
      const oneSet = reportQueries();
      expect(oneSet).toBeGreaterThan(0);
      for (let round = 0; round < 3; round += 1) {
        // Reloads come a few seconds apart, three at once: both administrators, the same answers.
        clock.now += 7 * SECOND_MS;
        const loads = await Promise.all(
          [SECOND_ADMIN, ADMIN, SECOND_ADMIN].map((viewer) =>
            Promise.all(DASHBOARD.map((path) => get(viewer, path))),
          ),
        );
        loads.forEach((load, index) => {
          const viewer = index % 2 === 0 ? SECOND_ADMIN : ADMIN;
          load.forEach((response, request) => {
            expect(response.body).toEqual(first[request]?.body);
            // The body is shared, the nonce is the viewer's own.
            expect(response.headers.get('x-wp-nonce')).toBe(sessions.get(viewer.userId)?.nonce);
          });
        });
      }
      // On MariaDB, the server's background work may have moved the version meanwhile: then the count says nothing.
      if (database?.versionMovesOnItsOwn && (await version()) !== startedAt) return context.skip();
      expect(startedAt).not.toBeNull();
      expect(reportQueries()).toBe(oneSet);
      expect(sessions.get(ADMIN.userId)?.nonce).not.toBe(sessions.get(SECOND_ADMIN.userId)?.nonce);
    });

    it('computes concurrent identical requests once', async (context) => {
      const { get, fresh, served: site } = await start();
      // The first report query of each query builder looks up the bookings table's indexes once: not counted here.
      const another = 'reports/graph-reports?date_range[0]=2025-06-01&date_range[1]=2025-06-10';
      await get(ADMIN, another);
      await fresh(ADMIN, another);
      queries.length = 0;
      const version = dataVersionOf(site);
      const startedAt = await version();
      const path = 'reports/graph-reports?date_range[0]=2025-05-01&date_range[1]=2025-05-10';
      const burst = await Promise.all(Array.from({ length: 10 }, () => get(ADMIN, path)));
      const served = reportQueries();
      if (database?.versionMovesOnItsOwn && (await version()) !== startedAt) return context.skip();
      for (const response of burst) expect(response.body).toEqual(burst[0]?.body);
      // What one computation of that answer asks the database.
      queries.length = 0;
      expect(burst[0]?.body).toEqual(await fresh(ADMIN, path));
      expect(served).toBe(reportQueries());
    });

    it('never hands a host an administrator’s answer, nor one host another’s', async () => {
      const { expectFresh } = await start();
      const total = (body: ReportsResponse): unknown => body.overview[0]?.number;
      const path = DASHBOARD[0];
      expect(total(await expectFresh<ReportsResponse>(ADMIN, path))).toBe(3);
      const hanna = await expectFresh<ReportsResponse>(HANNA, path);
      expect(total(hanna)).toBe(2);
      expect(hanna.next_meetings.map((meeting) => meeting.id)).toEqual([1]);
      const otto = await expectFresh<ReportsResponse>(OTTO, path);
      expect(total(otto)).toBe(1);
      expect(otto.next_meetings.map((meeting) => meeting.id)).toEqual([2]);
      expect(total(await expectFresh<ReportsResponse>(SECOND_ADMIN, path))).toBe(3);
      const feed = await expectFresh<ActivitiesResponse>(HANNA, DASHBOARD[2]);
      expect(feed.activities.map((entry) => entry.id)).toEqual([1]);
      expect((await expectFresh<ActivitiesResponse>(ADMIN, DASHBOARD[2])).activities).toHaveLength(2);
    });

    it('answers with every insert, status change and delete, whichever connection writes', async () => {
      const { expectFresh } = await start();
      let id = 100;
      for (const [name, writer] of Object.entries(database?.writers ?? {})) {
        const total = async () =>
          (await expectFresh<ReportsResponse>(ADMIN, DASHBOARD[0])).overview[0]?.number;
        const before = Number(await total());
        await Promise.all(DASHBOARD.map((path) => expectFresh(ADMIN, path)));
        id += 1;
        await writer
          .insertInto('fcal_bookings')
          .values(booking({ id, created_at: '2025-06-09 08:00:00', end_time: '2025-06-10 10:15:00' }))
          .execute();
        expect(await total(), `${name}: insert`).toBe(before + 1);
        const meetings = async () =>
          (await expectFresh<ReportsResponse>(ADMIN, DASHBOARD[0])).next_meetings.map(
            (meeting) => meeting.id,
          );
        expect(await meetings()).toContain(id);
        await writer.updateTable('fcal_bookings').set({ status: 'cancelled' }).where('id', '=', id).execute();
        expect(await meetings(), `${name}: status change`).not.toContain(id);
        await expectFresh(ADMIN, DASHBOARD[1]);
        await writer
          .insertInto('fcal_booking_activity')
          .values(activity({ id, booking_id: id, created_at: '2025-06-09 08:00:00' }))
          .execute();
        const feed = await expectFresh<ActivitiesResponse>(ADMIN, DASHBOARD[2]);
        expect(feed.activities[0]?.id, `${name}: new activity`).toBe(id);
        await writer.deleteFrom('fcal_bookings').where('id', '=', id).execute();
        expect(await total(), `${name}: delete`).toBe(before);
      }
    });

    it('answers every instant as the report code answers at that instant', async () => {
      const { expectFresh, served } = await start();
      const version = dataVersionOf(served);
      const listed = async () =>
        (await expectFresh<ReportsResponse>(ADMIN, DASHBOARD[0])).next_meetings.map((meeting) => meeting.id);
      // Hanna's meeting ends at 11:00:00 UTC: listed up to that second, gone the second after.
      const startedAt = await version();
      clock.now = Date.parse('2025-06-10T10:59:59.500Z');
      expect(await listed()).toContain(1);
      const computed = reportQueries();
      clock.now = Date.parse('2025-06-10T11:00:00.999Z');
      expect(await listed()).toContain(1);
      // Served from the cache, no query: counted only while the data version did not move on its own (MariaDB).
      if (!database?.versionMovesOnItsOwn || (await version()) === startedAt) {
        expect(reportQueries()).toBe(computed);
      }
      clock.now = Date.parse('2025-06-10T11:00:01.000Z');
      expect(await listed()).not.toContain(1);
      expect(reportQueries()).toBeGreaterThan(computed);
      // A clock set back gets the earlier answer again, not the later one.
      clock.now = Date.parse('2025-06-10T10:30:00Z');
      expect(await listed()).toContain(1);

      // All time compares the last 30 days up to now, to the second: booking 4 leaves them a second after NOW.
      clock.now = NOW;
      const allTime = await expectFresh(ADMIN, 'reports');
      clock.now = NOW + SECOND_MS;
      expect(await expectFresh(ADMIN, 'reports')).not.toEqual(allTime);

      // The graph's default range is the last 7 days up to today, in Berlin.
      clock.now = Date.parse('2025-06-10T21:59:59Z');
      const lastDayOfWeek = await expectFresh(ADMIN, 'reports/graph-reports');
      clock.now = Date.parse('2025-06-10T22:00:00Z');
      expect(await expectFresh(ADMIN, 'reports/graph-reports')).not.toEqual(lastDayOfWeek);
    });

    it('keeps no answer read while the server’s own connection is inside a transaction', async (context) => {
      const { get, expectFresh, served } = await start();
      if (!database?.ownTransactions || served.dialect !== 'sqlite') return context.skip();
      const total = (body: ReportsResponse): unknown => body.overview[0]?.number;
      const before = Number(total(await expectFresh<ReportsResponse>(ADMIN, DASHBOARD[0])));
      const insert = served.db
        .insertInto('fcal_bookings')
        .values(booking({ id: 200, created_at: '2025-06-09 08:00:00' }))
        .compile();
      // On the connection itself, as a write the server made would be: the readers do not see it before the commit,
      // and what they answer meanwhile must not outlive it.
      served.sqlite.exec('begin');
      served.sqlite.prepare(insert.sql).run(...(insert.parameters as unknown[]));
      expect(total((await get<ReportsResponse>(ADMIN, DASHBOARD[0])).body)).toBe(before);
      served.sqlite.exec('commit');
      expect(total(await expectFresh<ReportsResponse>(ADMIN, DASHBOARD[0]))).toBe(before + 1);
    });
  });
}
