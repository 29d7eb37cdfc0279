// @vitest-environment node
/**
 * The command line of the reference backend: `--help`, settings from flags and environment, `--import` and
 * `--seed` into a fresh database, serving, a clean exit on SIGTERM, and writes that a failure or a `kill -9` cannot
 * leave half done.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActivitiesResponse, ReportsResponse } from '../../src/api/types';
import { DEFAULT_CONFIG, parseConfig } from '../../server/config';
import { generateBookings, generateSiteData } from '../../src/data/generate';
import { parseImportData } from '../../server/db/import';
import { renderAdminPage, scriptJson } from '../../server/page';
import { REST_ROOT } from '../../server/app';
import { booking, CLI, getRest, login, runCli, startCli, stopStartedClis } from './support';
import type { Session } from './support';

const folder = mkdtempSync(join(tmpdir(), 'booking-reports-cli-'));
afterAll(async () => {
  await stopStartedClis();
  rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder for one test's database, so its listing shows every file a run left. */
function newFolder(name: string): string {
  const path = join(folder, name);
  mkdirSync(path);
  return path;
}

/**
 * Starts the command line and sends it SIGKILL as soon as its stderr matches `moment` (a progress line: the write
 * is under way); resolves with the signal that ended it and its stderr.
 */
function killCliAt(
  args: readonly string[],
  moment: RegExp,
): Promise<{ signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [...CLI, ...args, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (moment.test(stderr)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, stderr })));
}

/** Ten years (the longest range allowed) around every generated booking, so the answer does not move with the clock. */
const ALL_YEARS = 'reports?startTime=2020-01-01%2000:00:00&endTime=2029-12-31%2023:59:59';

/**
 * What a site answers when the command line starts over `db` (with `flags`): `/reports` over {@link ALL_YEARS}, for
 * `session` (or a new login), and, once stopped, the rows it holds.
 */
async function siteAnswer(db: string, { flags = [], session }: { flags?: string[]; session?: Session } = {}) {
  const cli = await startCli(['--db', db, ...flags, '--port', '0', '--quiet']);
  try {
    const admin = session ?? (await login(cli));
    const reports = await getRest<ReportsResponse>(cli, ALL_YEARS, admin);
    return {
      admin,
      status: reports.status,
      reports: reports.body,
      stderr: cli.stderr(),
      rows: rowCounts(db),
    };
  } finally {
    expect(await cli.stop()).toBe(0);
  }
}

/** Rows per table of a SQLite site (prefix `wp_`), read from the file. */
function rowCounts(db: string): Record<string, number> {
  const sqlite = new Database(db, { readonly: true });
  try {
    const counts: Record<string, number> = {};
    for (const table of ['fcal_bookings', 'fcal_booking_activity', 'users', 'usermeta', 'options']) {
      counts[table] = sqlite.prepare(`select count(*) from wp_${table}`).pluck().get() as number;
    }
    return counts;
  } finally {
    sqlite.close();
  }
}

/** An import file that is valid up to its last booking, whose status is unknown. */
function importFailingOnLastRow(path: string): void {
  const { users, events } = generateSiteData({ bookings: 0, now: Date.UTC(2025, 5, 1) });
  const bookings = [...generateBookings({ bookings: 500, now: Date.UTC(2025, 5, 1) })];
  const last = bookings.length - 1;
  bookings[last] = { ...bookings[last]!, status: 'lost' as never };
  writeFileSync(path, JSON.stringify({ users, events, bookings }));
}

// Each test starts the CLI through tsx: seconds on a busy machine, more than Vitest's default 5 s.
describe('Reference backend CLI', { timeout: 30_000 }, () => {
  it('lists every flag and its environment variable in --help', () => {
    const result = spawnSync(process.execPath, [...CLI, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const flag of [
      '--timezone',
      '--start-of-week',
      '--prefix',
      '--db',
      '--host',
      '--port',
      '--secret',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    for (const flag of ['--seed', '--import', '--quiet', '--help']) expect(result.stdout).toContain(flag);
    for (const variable of [
      'BR_TIMEZONE',
      'BR_START_OF_WEEK',
      'BR_TABLE_PREFIX',
      'BR_DB',
      'BR_HOST',
      'BR_PORT',
    ]) {
      expect(result.stdout).toContain(variable);
    }
    expect(result.stdout).toContain('BR_NONCE_SECRET');
  });

  it('exits with a message for an unknown flag or a bad value', () => {
    const result = spawnSync(process.execPath, [...CLI, '--timezone', 'Mars/Olympus'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown timezone "Mars/Olympus"');
  });

  it('reads flags over environment variables over defaults', () => {
    const env = { BR_TIMEZONE: '+05:30', BR_PORT: '9000', BR_START_OF_WEEK: '0', BR_TABLE_PREFIX: 'site2_' };
    const result = parseConfig(['--port', '9100', '--db', '/tmp/x.sqlite'], env);
    expect(result).toEqual({
      kind: 'run',
      config: {
        ...DEFAULT_CONFIG,
        timezone: '+05:30',
        port: 9100,
        startOfWeek: 0,
        prefix: 'site2_',
        dbPath: '/tmp/x.sqlite',
        // SQLite is always the backend's own site: the demo login.
        auth: 'demo',
      },
    });
    expect(parseConfig([], {})).toEqual({ kind: 'run', config: { ...DEFAULT_CONFIG, auth: 'demo' } });
    // MySQL/MariaDB may hold a WordPress site: the login is chosen once the database is open.
    expect(parseConfig(['--db', 'mysql://user:pass@127.0.0.1:3306/site'], {})).toMatchObject({
      kind: 'run',
      config: { auth: undefined },
    });
    expect(parseConfig(['--prefix', 'wp_; DROP'], {})).toMatchObject({ kind: 'error' });
    expect(parseConfig(['--port', '70000'], {})).toMatchObject({ kind: 'error' });
    expect(parseConfig(['--start-of-week', '7'], {})).toMatchObject({ kind: 'error' });
    expect(parseConfig(['--seed', '10', '--import', 'a.json'], {})).toMatchObject({ kind: 'error' });
  });

  it('imports a file into a new database with its prefix, serves it, and stops cleanly on SIGTERM', async () => {
    const file = join(folder, 'import.json');
    const db = join(folder, 'imported.sqlite');
    writeFileSync(
      file,
      JSON.stringify({
        users: [{ ID: 7, display_name: 'Imported Host', user_email: 'h@example.com', role: 'host' }],
        events: [{ id: 3, user_id: 7, title: 'Imported Event' }],
        bookings: [
          {
            ...booking({ id: 1, created_at: '2025-01-10 10:00:00' }),
            host_user_id: '7',
            status: 'completed',
          },
          {
            id: 2,
            host_user_id: 7,
            created_at: '2025-01-11T12:00:00+01:00',
            start_time: '2025-01-12 10:00:00',
            end_time: '2025-01-12 10:30:00',
            email: 'x@example.com',
            status: 'scheduled',
          },
        ],
        activities: [{ id: 1, booking_id: 2, title: 'Booking Created', created_at: '2025-01-11 11:00:00' }],
      }),
    );
    const cli = await startCli([
      '--db',
      db,
      '--import',
      file,
      '--prefix',
      'br_',
      '--timezone',
      'UTC',
      '--port',
      '0',
      '--quiet',
    ]);
    try {
      expect(cli.url).toMatch(/\/wp-admin\/admin\.php\?page=booking-reports$/);
      expect(await (await fetch(`${cli.origin}/health`)).json()).toEqual({ status: 'ok', db: 'ok' });
      const admin = await login(cli);
      expect(admin.config.restUrl).toBe(`${cli.origin}${REST_ROOT}`);
      const reports = await getRest<ReportsResponse>(cli, 'reports', admin);
      expect(reports.body.overview.map((widget) => widget.number)).toEqual([2, 1, 0, 2, 0]);
      // The ISO time was stored as UTC.
      expect(reports.body.latest_books[0]).toMatchObject({ id: 2, created_at: '2025-01-11 11:00:00' });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
    const sqlite = new Database(db, { readonly: true });
    const tables = (
      sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as { name: string }[]
    )
      .map((row) => row.name)
      .sort();
    sqlite.close();
    expect(tables).toEqual([
      'br_br_booking_days',
      'br_br_guest_bookings',
      'br_br_guests',
      'br_fcal_booking_activity',
      'br_fcal_bookings',
      'br_fcal_calendar_events',
      'br_fcal_calendars',
      'br_options',
      'br_usermeta',
      'br_users',
    ]);
  }, 30_000);

  it('seeds N generated bookings and their activity log, with progress on stderr', async () => {
    const cli = await startCli([
      '--db',
      join(folder, 'seeded.sqlite'),
      '--seed',
      '1200',
      '--port',
      '0',
      '--quiet',
    ]);
    try {
      expect(cli.stderr()).toContain('Seeding bookings: 1,200 / 1,200 (100%');
      const admin = await login(cli);
      const reports = await getRest<ReportsResponse>(cli, 'reports', admin);
      expect(reports.body.overview[0]?.number).toBe(1200);
      const feed = await getRest<ActivitiesResponse>(cli, 'reports/activities', admin);
      expect(feed.body.activities.length).toBeGreaterThan(0);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  }, 30_000);
});

// Each of these runs the CLI several times, one of them over tens of thousands of rows.
describe('Reference backend CLI writes', { timeout: 120_000 }, () => {
  it('serves the old site unchanged after a --seed over it is killed', async () => {
    const dir = newFolder('killed-seed');
    const db = join(dir, 'site.sqlite');
    const before = await siteAnswer(db, { flags: ['--seed', '1200'] });
    expect(before.reports.overview[0]?.number).toBe(1200);

    const killed = await killCliAt(['--db', db, '--seed', '200000'], /Seeding bookings: \d/);
    expect(killed.signal).toBe('SIGKILL');

    // The old login still works (the secret is the old one) and the old rows answer.
    const after = await siteAnswer(db, { session: before.admin });
    expect(after.status).toBe(200);
    expect(after.stderr).toMatch(/Removed site\.sqlite\.tmp-\d+, left by a build that was killed/);
    expect(after.reports.overview).toEqual(before.reports.overview);
    expect(after.reports.latest_books).toEqual(before.reports.latest_books);
    expect(after.rows).toEqual(before.rows);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('leaves no file when an --import into a new database fails on its last row', async () => {
    const dir = newFolder('failed-import');
    const file = join(folder, 'failing-import.json');
    importFailingOnLastRow(file);
    const db = join(dir, 'site.sqlite');
    const result = runCli(['--db', db, '--import', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bookings[499].status: must be one of');
    expect(readdirSync(dir)).toEqual([]);
    // So the next start creates the demo site instead of serving an empty one.
    const next = await siteAnswer(db);
    expect(next.stderr).toContain(`Created ${db} with 3000 demo bookings`);
    expect(next.reports.overview[0]?.number).toBe(3000);
  });

  it('refuses an --import over an existing site and leaves it unchanged', async () => {
    const dir = newFolder('import-over-site');
    const db = join(dir, 'site.sqlite');
    const before = await siteAnswer(db, { flags: ['--seed', '300'] });
    const valid = join(folder, 'valid-import.json');
    writeFileSync(
      valid,
      JSON.stringify({ users: [{ ID: 9, display_name: 'H', user_email: 'h@example.com', role: 'host' }] }),
    );
    const failing = join(folder, 'failing-import-2.json');
    importFailingOnLastRow(failing);

    const refused = runCli(['--db', db, '--import', valid]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--import needs an empty database');
    const invalid = runCli(['--db', db, '--import', failing]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('bookings[499].status: must be one of');

    const after = await siteAnswer(db, { session: before.admin });
    expect(after.reports.overview).toEqual(before.reports.overview);
    expect(after.rows).toEqual(before.rows);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('starts as if nothing happened after an --import into a new database is killed', async () => {
    const dir = newFolder('killed-import');
    const file = join(folder, 'large-import.json');
    const now = Date.UTC(2025, 5, 1);
    const { users, calendars, events } = generateSiteData({ bookings: 0, now });
    writeFileSync(
      file,
      JSON.stringify({
        users,
        calendars,
        events,
        bookings: [...generateBookings({ bookings: 100_000, now })],
      }),
    );
    const db = join(dir, 'site.sqlite');
    const killed = await killCliAt(['--db', db, '--import', file], /Importing bookings: \d/);
    expect(killed.signal).toBe('SIGKILL');
    expect(readdirSync(dir).filter((name) => !name.includes('.tmp-'))).toEqual([]);

    const next = await siteAnswer(db);
    expect(next.stderr).toMatch(/Removed site\.sqlite\.tmp-\d+, left by a build that was killed/);
    expect(next.stderr).toContain(`Created ${db} with 3000 demo bookings`);
    expect(next.reports.overview[0]?.number).toBe(3000);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});

describe('parseImportData', () => {
  it('returns every problem naming the table, row and column', () => {
    const result = parseImportData({
      bookings: [
        {
          id: 'x',
          created_at: '2025-02-30 00:00:00',
          start_time: '2025-01-01 00:00:00',
          email: 3,
          status: 'lost',
        },
      ],
      rooms: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^rooms: unknown table \(expected users, calendars, events, bookings, activities/,
        ),
        'bookings[0].id: must be a whole number',
        'bookings[0].created_at: must be UTC "YYYY-MM-DD HH:mm:ss" or ISO 8601 with an offset',
        'bookings[0].end_time: is required',
        'bookings[0].host_user_id: is required',
        'bookings[0].email: must be a string',
        expect.stringMatching(/^bookings\[0\]\.status: must be one of scheduled, completed/),
      ]),
    );
  });

  it('returns rows with numeric strings as numbers, ISO times as UTC and defaults filled in', () => {
    const result = parseImportData({
      bookings: [
        {
          id: '5',
          host_user_id: '2',
          created_at: '2025-03-30T03:30:00+02:00',
          start_time: '2025-04-01 10:00:00',
          end_time: '2025-04-01 10:45:00',
          email: 'g@x.io',
          status: 'pending',
        },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        bookings: [
          {
            id: 5,
            host_user_id: 2,
            group_id: 5,
            created_at: '2025-03-30 01:30:00',
            updated_at: '2025-03-30 01:30:00',
            slot_minutes: 45,
            event_type: 'single',
          },
        ],
        users: [],
      },
    });
  });
});

describe('parseImportData validation', () => {
  const row = (fields: Record<string, unknown>) => ({
    id: 1,
    host_user_id: 2,
    email: 'g@x.io',
    status: 'scheduled',
    created_at: '2025-01-01 00:00:00',
    start_time: '2025-01-01 00:00:00',
    end_time: '2025-01-01 00:30:00',
    ...fields,
  });
  const errorsOf = (input: unknown): string[] => {
    const result = parseImportData(input);
    return result.ok ? [] : result.errors;
  };

  it('rejects times outside the years 0001 to 9999 in UTC, naming the row and column', () => {
    expect(
      errorsOf({
        bookings: [
          row({ id: 1 }),
          row({ id: 2, start_time: '9999-12-31T23:00:00-05:00', end_time: '0000-12-31 23:00:00' }),
          row({ id: 3, created_at: '0001-01-01T00:30:00+01:00' }),
        ],
      }),
    ).toEqual([
      'bookings[1].start_time: must be in the years 0001 to 9999 in UTC (it is in 10000)',
      'bookings[1].end_time: must be in the years 0001 to 9999 in UTC (it is in 0)',
      'bookings[2].created_at: must be in the years 0001 to 9999 in UTC (it is in 0)',
    ]);
    expect(
      parseImportData({
        bookings: [row({ start_time: '0001-01-01 00:00:00', end_time: '9999-12-31T18:59:59-05:00' })],
      }),
    ).toMatchObject({
      ok: true,
      data: { bookings: [{ start_time: '0001-01-01 00:00:00', end_time: '9999-12-31 23:59:59' }] },
    });
  });

  it('rejects user ids a login cookie cannot carry, naming the row and column', () => {
    const rule = 'must be a user id: a whole number from 1 to 999999999999999 (what a login cookie carries)';
    expect(
      errorsOf({
        users: [
          { ID: 0, display_name: 'Zero' },
          { ID: '1000000000000000', display_name: 'Sixteen digits' },
          { ID: -3, display_name: 'Negative' },
          { ID: 999_999_999_999_999, display_name: 'Fifteen digits' },
        ],
        events: [{ id: 1, user_id: 1e15, title: 'E' }],
        calendars: [{ id: 1, user_id: 0, title: 'C' }],
        bookings: [row({ host_user_id: '0' })],
        activities: [
          { id: 1, created_by: 0, title: 'By a guest', created_at: '2025-01-01 00:00:00' },
          { id: 2, created_by: -1, title: 'By nobody', created_at: '2025-01-01 00:00:00' },
        ],
      }),
    ).toEqual([
      `users[0].ID: ${rule}`,
      `users[1].ID: ${rule}`,
      `users[2].ID: ${rule}`,
      `calendars[0].user_id: ${rule}`,
      `events[0].user_id: ${rule}`,
      `bookings[0].host_user_id: ${rule}`,
      `activities[1].created_by: ${rule}, or 0`,
    ]);
  });

  it("reads the booking plugin's own table dump: prefixed names, fcal_booking_hosts and wp_capabilities", () => {
    const result = parseImportData({
      wp_users: [
        {
          ID: '1',
          display_name: 'Ada',
          user_email: 'a@x.io',
          wp_capabilities: 'a:1:{s:13:"administrator";b:1;}',
        },
        { ID: '2', display_name: 'Hal', user_email: 'h@x.io', wp_capabilities: 'a:1:{s:6:"editor";b:1;}' },
        { ID: '3', display_name: 'Ida', user_email: 'i@x.io', wp_capabilities: { administrator: true } },
        { ID: '4', display_name: 'Sam', user_email: 's@x.io', wp_capabilities: { subscriber: true } },
      ],
      wp_fcal_bookings: [
        { ...row({ id: '10', fcrm_id: null, booking_type: 'scheduling' }), host_user_id: undefined },
        row({ id: '11', host_user_id: '4' }),
      ],
      wp_fcal_booking_hosts: [
        { id: '1', booking_id: '10', user_id: '2', status: 'confirmed', created_at: '2025-01-01 00:00:00' },
        { id: '2', booking_id: '10', user_id: '3', status: 'confirmed' },
        { id: '3', booking_id: '11', user_id: '2', status: 'confirmed' },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        users: [
          { ID: 1, role: 'administrator' },
          { ID: 2, role: 'host' },
          { ID: 3, role: 'administrator' },
          { ID: 4, role: 'host' },
        ],
        // The first listed host hosts a booking without host_user_id; the column wins where it is given.
        bookings: [
          { id: 10, host_user_id: 2 },
          { id: 11, host_user_id: 4 },
        ],
      },
    });
  });

  it('names the row and column of capabilities and booking hosts it cannot read', () => {
    expect(
      errorsOf({
        users: [
          { ID: 1, display_name: 'A', wp_capabilities: 'a:1:{s:5:"administrator";b:1;}' },
          { ID: 2, display_name: 'B', wp_capabilities: 'a:0:{}' },
          { ID: 3, display_name: 'C', wp_capabilities: ['administrator'] },
          { ID: 4, display_name: 'D', wp_capabilities: 'a:1:{}', wp_2_capabilities: 'a:0:{}' },
        ],
        fcal_booking_hosts: [{ booking_id: 5, user_id: 0 }],
        fcal_bookings: [row({ id: 7, host_user_id: undefined })],
        bookings: [],
      }),
    ).toEqual([
      'bookings: the same table as fcal_bookings',
      'fcal_booking_hosts[0].user_id: must be a user id: a whole number from 1 to 999999999999999 (what a login cookie carries)',
      expect.stringMatching(
        /^users\[0\]\.wp_capabilities: must be the PHP-serialized roles WordPress stores/,
      ),
      'users[1].wp_capabilities: grants no role, and a user without a role cannot open the reports',
      expect.stringMatching(/^users\[2\]\.wp_capabilities: must be the PHP-serialized roles/),
      'users[3].wp_capabilities, wp_2_capabilities: more than one capabilities column: give the role as "role" instead',
      'fcal_bookings[0].host_user_id: is required',
      'fcal_booking_hosts[0].booking_id: no booking 5 in the file',
    ]);
  });
});

describe('Admin page', () => {
  it('renders names as text and config JSON that cannot close its script element', () => {
    expect(scriptJson({ restUrl: '</script><script>alert(1)</script>' })).toBe(
      '{"restUrl":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}',
    );
    const evil = {
      ID: 9,
      display_name: '<img src=x onerror=alert(1)>',
      user_email: 'e@x.io',
      role: 'host' as const,
    };
    const html = renderAdminPage({
      config: {
        restUrl: '/wp-json/fluent-booking/v2/',
        nonce: 'abc',
        timezone: 'UTC',
        locale: 'ar',
        startOfWeek: 6,
      },
      currentUser: evil,
      users: [evil],
      scriptUrl: '/dist/booking-reports.iife.js',
      dashboardBuilt: true,
      nonceUrl: '/wp-admin/admin-ajax.php?action=rest-nonce',
    });
    expect(html).not.toContain('<img');
    expect(html).toContain('Howdy, &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<script src="/dist/booking-reports.iife.js"></script>');
  });
});
