// @vitest-environment node
/**
 * The command line of the reference backend: `--help`, settings from flags and environment, `--import` and
 * `--seed` into a fresh database, serving, and a clean exit on SIGTERM.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActivitiesResponse, ReportsResponse } from '../../src/api/types';
import { DEFAULT_CONFIG, parseConfig } from '../../server/config';
import { parseImportData } from '../../server/db/import';
import { renderAdminPage, scriptJson } from '../../server/page';
import { REST_ROOT } from '../../server/app';
import { booking, CLI, getRest, login, startCli } from './support';

const folder = mkdtempSync(join(tmpdir(), 'booking-reports-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

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
      },
    });
    expect(parseConfig([], {})).toEqual({ kind: 'run', config: DEFAULT_CONFIG });
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
      expect(reports.body.overview.map((widget) => widget.number)).toEqual([2, 1, 0, 2]);
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
        'rooms: unknown table (expected users, calendars, events, bookings, activities)',
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
