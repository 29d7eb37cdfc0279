/**
 * A database that goes away: stopped, or frozen (answering nothing, like a hung host). The API answers 503 WP_Error
 * `db_unavailable` instead of hanging or crashing, `/health` says the database is down, and once the database is
 * back the same server answers again by itself. This file runs its own MariaDB, so stopping it disturbs no other.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportsResponse, WpError } from '../../src/api/types';
import { isDatabaseUnavailable } from '../../server/db/errors';
import { booking, getRest, login, site, startServer } from '../server/support';
import type { JsonResponse, Session, TestServer } from '../server/support';
import { startMariadb } from './mariadb';
import type { MariadbServer } from './mariadb';
import { createDatabase, dropDatabase, mariadbDatabases, openSite } from './support';

const DATA = site([
  booking({ id: 1, created_at: '2025-05-01 10:00:00', status: 'completed' }),
  booking({ id: 2, created_at: '2025-05-02 10:00:00', status: 'cancelled' }),
]);

/** Generous: a request that has not answered by then counts as hung, and the test fails instead of waiting. */
const HUNG_MS = 20_000;

async function getRestOrHang<T>(
  server: TestServer,
  path: string,
  session: Session,
): Promise<JsonResponse<T>> {
  const response = await fetch(`${server.origin}/wp-json/fluent-booking/v2/${path}`, {
    headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce },
    signal: AbortSignal.timeout(HUNG_MS),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

async function health(server: TestServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.origin}/health`, { signal: AbortSignal.timeout(HUNG_MS) });
  return { status: response.status, body: await response.json() };
}

/** Polls `/health` until the database answers again, without restarting anything. */
async function waitForHealthy(server: TestServer): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if ((await health(server)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The server did not find its database again');
}

const UNAVAILABLE: WpError = {
  code: 'db_unavailable',
  message: 'The database is not available right now. Try again in a moment.',
  data: { status: 503 },
};

describe('Reference backend on MariaDB when the database fails', () => {
  let mariadb: MariadbServer;
  let server: TestServer;
  let admin: Session;
  let healthy: ReportsResponse;

  beforeAll(async () => {
    mariadb = await startMariadb();
    server = await startServer({
      data: DATA,
      timezone: 'UTC',
      now: Date.parse('2025-05-10T12:00:00Z'),
      // Short limits so a hung database is noticed within seconds.
      databases: mariadbDatabases(mariadb.info, { queryTimeoutMs: 1000, connectTimeoutMs: 1000 }),
    });
    admin = await login(server);
    const first = await getRest<ReportsResponse>(server, 'reports', admin);
    expect(first.status).toBe(200);
    healthy = first.body;
  });
  afterAll(async () => {
    mariadb?.thaw();
    await server?.close().catch(() => undefined);
    await mariadb?.destroy();
  });

  it('answers 503 db_unavailable while the database is stopped, then recovers by itself', async () => {
    await mariadb.stop();

    for (const path of ['reports', 'reports/graph-reports', 'reports/activities']) {
      const down = await getRestOrHang<WpError>(server, path, admin);
      expect(down.status).toBe(503);
      expect(down.body).toEqual(UNAVAILABLE);
      expect(down.headers.get('retry-after')).toBe('5');
    }
    expect(await health(server)).toEqual({ status: 503, body: { status: 'error', db: 'down' } });

    await mariadb.start();
    await waitForHealthy(server);
    const back = await getRest<ReportsResponse>(server, 'reports', admin);
    expect(back.status).toBe(200);
    expect(back.body).toEqual(healthy);
    expect(await health(server)).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } });
  });

  it('answers 503 db_unavailable while the database hangs, then recovers by itself', async () => {
    mariadb.freeze();
    try {
      const hung = await getRestOrHang<WpError>(server, 'reports', admin);
      expect(hung.status).toBe(503);
      expect(hung.body).toEqual(UNAVAILABLE);
      expect((await health(server)).status).toBe(503);
    } finally {
      mariadb.thaw();
    }
    await waitForHealthy(server);
    const back = await getRest<ReportsResponse>(server, 'reports', admin);
    expect(back.status).toBe(200);
    expect(back.body).toEqual(healthy);
  });

  it('answers 503 server_busy at once beyond its bound, and /health without waiting behind the queries', async () => {
    const busy = await startServer({
      data: DATA,
      timezone: 'UTC',
      now: Date.parse('2025-05-10T12:00:00Z'),
      maxPending: 3,
      // Queries wait long on a hung database; /health's own connection gives up after 2 s.
      databases: mariadbDatabases(mariadb.info, { queryTimeoutMs: 10_000, connectTimeoutMs: 10_000 }),
    });
    try {
      const session = await login(busy);
      mariadb.freeze();
      let settled = 0;
      const requests = Array.from({ length: 8 }, () => {
        const answer = getRestOrHang<WpError>(busy, 'reports', session);
        void answer.finally(() => (settled += 1));
        return answer;
      });
      // Five of the eight are beyond the bound: they are answered while the other three still wait on the database.
      const first = await new Promise<JsonResponse<WpError>[]>((resolve) => {
        const done: JsonResponse<WpError>[] = [];
        for (const request of requests) {
          void request.then((answer) => {
            done.push(answer);
            if (done.length === 5) resolve(done);
          });
        }
      });
      for (const answer of first) {
        expect(answer.status).toBe(503);
        expect(answer.body).toEqual({
          code: 'server_busy',
          message: 'The server is busy right now. Try again in a moment.',
          data: { status: 503 },
        });
        expect(answer.headers.get('retry-after')).toBe('1');
      }
      expect(await health(busy)).toEqual({ status: 503, body: { status: 'error', db: 'down' } });
      expect(settled).toBe(5);

      mariadb.thaw();
      await Promise.all(requests);
      await waitForHealthy(busy);
      expect((await getRest<ReportsResponse>(busy, 'reports', session)).status).toBe(200);
    } finally {
      mariadb.thaw();
      await busy.close();
    }
  });

  it('stops a query that runs past the time limit and keeps serving on the same pool', async () => {
    const name = await createDatabase(mariadb.info);
    const limited = openSite(mariadb.info, 'reader', name, { queryTimeoutMs: 300, poolSize: 1 });
    try {
      const slow = await sql`select sleep(5)`.execute(limited.db).then(
        () => undefined,
        (error: unknown) => error,
      );
      // MariaDB's ER_STATEMENT_TIMEOUT: max_statement_time exceeded.
      expect(slow).toMatchObject({ errno: 1969 });
      expect(isDatabaseUnavailable(slow)).toBe(true);
      const next = await sql<{ answer: number }>`select 1 as answer`.execute(limited.db);
      expect(next.rows).toEqual([{ answer: 1 }]);
    } finally {
      await limited.close();
      await dropDatabase(mariadb.info, name);
    }
  });
});
