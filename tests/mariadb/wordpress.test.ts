/**
 * The command line on MariaDB, as a site runs it: pointed at a WordPress database (its own `wp_users` and
 * `wp_usermeta`, the plugin's tables) through a user that may only read, as two instances behind a load balancer,
 * and on an empty database it fills itself.
 */
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReportsResponse, WpError } from '../../src/api/types';
import {
  booking,
  getRest,
  login,
  runCli,
  site,
  startCli as startServingCli,
  stopStartedClis,
} from '../server/support';
import type { RunningCli, Session } from '../server/support';
import { createDatabase, dropDatabase, fillDatabase } from './support';

const PREFIX = 'wpx_';
const SECRET = 'shared-by-every-instance';
const mariadb = inject('mariadb');

/** Starts the CLI on port 0, quiet. */
const startCli = (args: string[]): Promise<RunningCli> =>
  startServingCli([...args, '--port', '0', '--quiet']);

async function query<T>(url: string, statement: string, values: unknown[] = []): Promise<T[]> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query(statement, values);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

const numbers = (body: ReportsResponse): number[] => body.overview.map((widget) => widget.number);

/** The plugin's rows; the users come from WordPress's own tables below. */
const PLUGIN_ROWS = {
  ...site([
    booking({
      id: 1,
      created_at: '2025-04-01 09:00:00',
      status: 'completed',
      end_time: '2025-04-02 09:00:00',
    }),
    booking({ id: 2, created_at: '2025-04-02 09:00:00', host_user_id: 3, email: 'Guest@Example.com' }),
    booking({
      id: 3,
      created_at: '2025-04-03 09:00:00',
      start_time: '2099-01-01 10:00:00',
      end_time: '2099-01-01 10:30:00',
      first_name: 'Fay',
      last_name: 'Future',
      email: 'guest@example.com',
    }),
  ]),
  users: [],
};

/** WordPress users as WordPress stores them: roles PHP-serialized in `usermeta`, beside other meta. */
async function addWordpressUsers(ownerUrl: string): Promise<void> {
  const users: ReadonlyArray<readonly [number, string, string, string]> = [
    [1, 'ada', 'Ada Admin', 'a:2:{s:13:"administrator";b:1;s:6:"editor";b:1;}'],
    [2, 'hanna', 'Hanna Host', 'a:1:{s:6:"editor";b:1;}'],
    [3, 'sam', 'Sam Subscriber', 'a:1:{s:10:"subscriber";b:1;}'],
    [4, 'nora', 'Nora Noroles', 'a:0:{}'],
  ];
  for (const [id, login, name, capabilities] of users) {
    await query(
      ownerUrl,
      `INSERT INTO ${PREFIX}users (ID, user_login, user_pass, user_nicename, user_email, display_name)
       VALUES (?, ?, '$P$Bfake.hash', ?, ?, ?)`,
      [id, login, login, `${login}@example.com`, name],
    );
    await query(
      ownerUrl,
      `INSERT INTO ${PREFIX}usermeta (user_id, meta_key, meta_value) VALUES (?, 'nickname', ?), (?, ?, ?), (?, ?, '0')`,
      [id, login, id, `${PREFIX}capabilities`, capabilities, id, `${PREFIX}user_level`],
    );
  }
}

describe('Reference backend CLI on a WordPress database in MariaDB', () => {
  let wordpress: string;
  let readerUrl: string;
  let ownerUrl: string;
  const otherDatabases: string[] = [];

  beforeAll(async () => {
    wordpress = await createDatabase(mariadb);
    ownerUrl = `${mariadb.ownerUrl}/${wordpress}`;
    readerUrl = `${mariadb.readerUrl}/${wordpress}`;
    await fillDatabase(mariadb, wordpress, PLUGIN_ROWS, PREFIX);
    await addWordpressUsers(ownerUrl);
  });
  afterAll(async () => {
    await stopStartedClis();
    for (const name of [wordpress, ...otherDatabases]) await dropDatabase(mariadb, name);
  });

  it('serves the site through a read-only user, with names and roles from wp_users and wp_usermeta', async () => {
    const cli = await startCli(['--db', readerUrl, '--prefix', PREFIX, '--secret', SECRET]);
    try {
      const server = cli;
      const page = await (await fetch(`${cli.origin}/wp-admin/admin.php?page=booking-reports`)).text();
      expect(page).toContain('Howdy, Ada Admin');
      expect(page).toContain('Hanna Host (Host)');
      expect(page).toContain('Sam Subscriber (Host)');
      expect(page).not.toContain('Nora Noroles');

      const admin = await login(server);
      const reports = await getRest<ReportsResponse>(server, 'reports', admin);
      expect(reports.status).toBe(200);
      // Bookings 2 and 3 are one guest.
      expect(numbers(reports.body)).toEqual([3, 1, 0, 2, 0]);
      expect(reports.body.next_meetings[0]).toMatchObject({ id: 3, author: { name: 'Hanna Host' } });

      const hanna = await login(server, 2);
      expect(numbers((await getRest<ReportsResponse>(server, 'reports', hanna)).body)).toEqual([
        2, 1, 0, 2, 0,
      ]);
      const sam = await login(server, 3);
      expect(numbers((await getRest<ReportsResponse>(server, 'reports', sam)).body)).toEqual([1, 0, 0, 1, 0]);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('answers one page’s cookie and nonce on two instances with one secret, as behind a load balancer', async () => {
    const args = ['--db', readerUrl, '--prefix', PREFIX, '--secret', SECRET];
    const [first, second] = await Promise.all([startCli(args), startCli(args)]);
    try {
      expect(first.origin).not.toBe(second.origin);
      const onFirst: Session = await login({ origin: first.origin });
      const fromFirst = await getRest<ReportsResponse>({ origin: first.origin }, 'reports', onFirst);
      const fromSecond = await getRest<ReportsResponse>({ origin: second.origin }, 'reports', onFirst);
      expect(fromSecond.status).toBe(200);
      expect(fromSecond.body).toEqual(fromFirst.body);

      // The nonce the second instance hands back, and the one its refresh endpoint makes, work on the first.
      const handedBack = fromSecond.headers.get('x-wp-nonce') ?? '';
      const refreshed = await (
        await fetch(`${second.origin}/wp-admin/admin-ajax.php?action=rest-nonce`, {
          headers: { cookie: onFirst.cookie },
        })
      ).text();
      for (const nonce of [handedBack, refreshed]) {
        const back = await getRest({ origin: first.origin }, 'reports/activities', { ...onFirst, nonce });
        expect(back.status).toBe(200);
      }
      const forged = await getRest<WpError>({ origin: second.origin }, 'reports', {
        ...onFirst,
        nonce: '0123456789',
      });
      expect(forged.body.code).toBe('rest_cookie_invalid_nonce');
    } finally {
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
    }
  });

  it('writes nothing into an existing site, even as a user who could, and asks for --secret', async () => {
    const { status, stderr } = runCli(['--db', ownerUrl, '--prefix', PREFIX]);
    expect(status).toBe(1);
    expect(stderr).toContain('pass --secret <text> (or BR_NONCE_SECRET)');
    expect(await query(ownerUrl, `SELECT option_name FROM ${PREFIX}options`)).toEqual([]);
    expect(await query(ownerUrl, `SELECT COUNT(*) AS count FROM ${PREFIX}fcal_bookings`)).toEqual([
      { count: 3 },
    ]);
  });

  it('takes WordPress’s logins on a WordPress site’s database unless told --auth demo', async () => {
    await query(
      ownerUrl,
      `INSERT INTO ${PREFIX}options (option_name, option_value, autoload) VALUES ('siteurl', 'https://site.example', 'yes')`,
    );
    try {
      const { status, stderr } = runCli(['--db', readerUrl, '--prefix', PREFIX]);
      expect(status).toBe(1);
      expect(stderr).toContain("WordPress's LOGGED_IN_KEY was not found: pass --wp-config");

      const keys = Object.fromEntries(
        ['LOGGED_IN_KEY', 'LOGGED_IN_SALT', 'NONCE_KEY', 'NONCE_SALT'].map((name) => [
          `WORDPRESS_${name}`,
          `${name.toLowerCase()} of the test site`,
        ]),
      );
      const wordpress = await startServingCli(
        ['--db', readerUrl, '--prefix', PREFIX, '--port', '0', '--quiet'],
        keys,
      );
      try {
        expect(wordpress.stderr()).toContain('(WordPress logins; no login page)');
        expect((await fetch(`${wordpress.origin}/wp-admin/admin.php?page=booking-reports`)).status).toBe(404);
        expect((await getRest(wordpress, 'reports', undefined)).status).toBe(401);
      } finally {
        expect(await wordpress.stop()).toBe(0);
      }

      const demo = await startCli([
        '--db',
        readerUrl,
        '--prefix',
        PREFIX,
        '--secret',
        SECRET,
        '--auth',
        'demo',
      ]);
      try {
        const admin = await login(demo);
        expect((await getRest(demo, 'reports', admin)).status).toBe(200);
      } finally {
        expect(await demo.stop()).toBe(0);
      }
    } finally {
      await query(ownerUrl, `DELETE FROM ${PREFIX}options WHERE option_name = 'siteurl'`);
    }
  });

  it('fills an empty database with the demo site and one stored secret every instance shares', async () => {
    const empty = await createDatabase(mariadb);
    otherDatabases.push(empty);
    const creator = await startCli(['--db', `${mariadb.ownerUrl}/${empty}`]);
    try {
      expect(creator.stderr()).toMatch(
        /Created the tables in mysql:\/\/br_owner:\*\*\*@.* with \d+ demo bookings/,
      );
      // A second instance finds a site there: it only reads, and signs with the secret the first one stored.
      const reader = await startCli(['--db', `${mariadb.readerUrl}/${empty}`]);
      try {
        expect(reader.stderr()).toContain('(read only)');
        const session = await login({ origin: creator.origin });
        const answer = await getRest<ReportsResponse>({ origin: reader.origin }, 'reports', session);
        expect(answer.status).toBe(200);
        expect(answer.body.overview[0]?.number).toBeGreaterThan(0);
      } finally {
        expect(await reader.stop()).toBe(0);
      }
    } finally {
      expect(await creator.stop()).toBe(0);
    }
    const refused = runCli(['--db', `${mariadb.ownerUrl}/${empty}`, '--seed', '10']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('writes only into empty tables');
  });

  it('refuses the demo login on 0.0.0.0 before it writes anything into an empty database', async () => {
    const empty = await createDatabase(mariadb);
    otherDatabases.push(empty);
    const url = `${mariadb.ownerUrl}/${empty}`;
    const { status, stderr } = runCli(['--db', url, '--host', '0.0.0.0', '--allowed-host', 'example.com']);
    expect(status).toBe(1);
    expect(stderr).toContain('--auth demo logs anyone in as any user without a password');
    expect(await query(url, 'SHOW TABLES')).toEqual([]);
  });

  it('seeds generated bookings into an empty database', async () => {
    const empty = await createDatabase(mariadb);
    otherDatabases.push(empty);
    const cli = await startCli(['--db', `${mariadb.ownerUrl}/${empty}`, '--seed', '700']);
    try {
      expect(cli.stderr()).toContain('Seeding bookings: 700 / 700 (100%');
      const admin = await login(cli);
      const reports = await getRest<ReportsResponse>(cli, 'reports', admin);
      expect(reports.body.overview[0]?.number).toBe(700);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
