/**
 * `--import` and `--seed` on MariaDB build a new site aside (`server/db/rebuild.ts`): a failed import leaves the
 * tables as they were, and a `kill -9` in the middle of a seed leaves no table of the site, only build tables the
 * next build drops.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ReportsResponse } from '../../src/api/types';
import { generateBookings, generateSiteData } from '../../src/data/generate';
import { TABLE_NAMES } from '../../server/db/tables';
import { CLI, getRest, login, runCli, startCli, stopStartedClis } from '../server/support';
import { createDatabase, dropDatabase } from './support';

const mariadb = inject('mariadb');
const folder = mkdtempSync(join(tmpdir(), 'booking-reports-mariadb-writes-'));
const databases: string[] = [];

afterAll(async () => {
  await stopStartedClis();
  for (const name of databases) await dropDatabase(mariadb, name);
  rmSync(folder, { recursive: true, force: true });
});

async function newDatabase(): Promise<string> {
  const name = await createDatabase(mariadb);
  databases.push(name);
  return name;
}

/** The database's tables and their rows, read as the owner. */
async function tableRows(database: string): Promise<Record<string, number>> {
  const connection = await createConnection(`${mariadb.ownerUrl}/${database}`);
  try {
    const [tables] = await connection.query(
      'select table_name as name from information_schema.tables where table_schema = database() order by 1',
    );
    const rows: Record<string, number> = {};
    for (const { name } of tables as { name: string }[]) {
      const [[count]] = (await connection.query(`select count(*) as count from \`${name}\``)) as [
        { count: number }[],
        unknown,
      ];
      rows[name] = Number(count?.count);
    }
    return rows;
  } finally {
    await connection.end();
  }
}

/** An empty `wp_users` as WordPress creates it, with one column more that tells it from the backend's own. */
const WORDPRESS_USERS = `CREATE TABLE wp_users (
  ID bigint(20) unsigned NOT NULL auto_increment,
  user_login varchar(60) NOT NULL default '',
  user_pass varchar(255) NOT NULL default '',
  user_nicename varchar(50) NOT NULL default '',
  user_email varchar(100) NOT NULL default '',
  user_url varchar(100) NOT NULL default '',
  user_registered datetime NOT NULL default '0000-00-00 00:00:00',
  user_activation_key varchar(255) NOT NULL default '',
  user_status int(11) NOT NULL default '0',
  display_name varchar(250) NOT NULL default '',
  own_column int,
  PRIMARY KEY (ID),
  KEY user_login_key (user_login),
  KEY user_nicename (user_nicename),
  KEY user_email (user_email)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`;

/** Runs statements as the owner in `database`. */
async function asOwner(database: string, ...statements: string[]): Promise<void> {
  const connection = await createConnection(`${mariadb.ownerUrl}/${database}`);
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/** The `name` column of an information_schema query about one table (its `?`), in order. */
async function schemaNames(database: string, query: string, table: string): Promise<string[]> {
  const connection = await createConnection(`${mariadb.ownerUrl}/${database}`);
  try {
    const [rows] = await connection.query(query, [table]);
    return (rows as { name: string }[]).map((row) => row.name);
  } finally {
    await connection.end();
  }
}

/** A table's column names, in order. */
const columns = (database: string, table: string): Promise<string[]> =>
  schemaNames(
    database,
    'select column_name as name from information_schema.columns where table_schema = database() and table_name = ? order by ordinal_position',
    table,
  );

/** The events of the triggers on a table, in order. */
const triggersOn = (database: string, table: string): Promise<string[]> =>
  schemaNames(
    database,
    'select event_manipulation as name from information_schema.triggers where trigger_schema = database() and event_object_table = ? order by name',
    table,
  );

/** The site's own tables (`wp_` and a table name of the backend) and their rows, leaving out any others. */
async function siteTables(database: string): Promise<Record<string, number>> {
  const site = new Set(TABLE_NAMES.map((name) => `wp_${name}`));
  return Object.fromEntries(Object.entries(await tableRows(database)).filter(([name]) => site.has(name)));
}

/** Starts `--seed 200000` and kills it (SIGKILL) once bookings are being written. */
async function killDuringSeed(url: string): Promise<void> {
  const child = spawn(process.execPath, [...CLI, '--db', url, '--seed', '200000', '--port', '0', '--quiet'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (/Seeding bookings: \d/.test(stderr)) child.kill('SIGKILL');
  });
  const signal = await new Promise((resolve) => child.once('exit', (_code, how) => resolve(how)));
  expect(signal).toBe('SIGKILL');
}

/** An import file of 500 generated bookings whose last row `spoil` changes. */
function importFile(name: string, spoil: Record<string, unknown>): string {
  const now = Date.UTC(2025, 5, 1);
  const { users, calendars, events } = generateSiteData({ bookings: 0, now });
  const bookings = [...generateBookings({ bookings: 500, now })].map((row): Record<string, unknown> => ({
    ...row,
  }));
  bookings[bookings.length - 1] = { ...bookings[bookings.length - 1], ...spoil };
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify({ users, calendars, events, bookings }));
  return path;
}

describe('Reference backend CLI writes on MariaDB', () => {
  it('creates no table when an --import file fails on its last row', async () => {
    const database = await newDatabase();
    const file = importFile('invalid.json', { status: 'lost' });
    const result = runCli(['--db', `${mariadb.ownerUrl}/${database}`, '--import', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bookings[499].status: must be one of');
    expect(await tableRows(database)).toEqual({});
  });

  it('drops the tables it created when the database refuses the last row of an --import', async () => {
    const database = await newDatabase();
    // Valid JSON, but longer than the column (`varchar(192)`): strict MariaDB refuses the row.
    const file = importFile('too-long.json', { email: `${'x'.repeat(300)}@example.com` });
    const result = runCli(['--db', `${mariadb.ownerUrl}/${database}`, '--import', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Data too long for column 'email'/);
    expect(await tableRows(database)).toEqual({});
  });

  it('leaves no table of the site after a --seed into an empty database is killed, so a restart creates the demo site', async () => {
    const database = await newDatabase();
    const url = `${mariadb.ownerUrl}/${database}`;
    await killDuringSeed(url);
    expect(await siteTables(database)).toEqual({});

    const cli = await startCli(['--db', url, '--port', '0', '--quiet']);
    try {
      expect(cli.stderr()).toMatch(/Dropped wp_brnew_fcal_bookings, left by a build that was killed/);
      const created = /with (\d+) demo bookings/.exec(cli.stderr());
      expect(created).not.toBeNull();
      const reports = await getRest<ReportsResponse>(cli, 'reports', await login(cli));
      expect(reports.status).toBe(200);
      const tables = await tableRows(database);
      expect(Object.keys(tables).filter((name) => /^wp_br(new|old)_/.test(name))).toEqual([]);
      expect(tables.wp_fcal_bookings).toBe(Number(created?.[1]));
      // The build made the rollups, one row per booking, and renamed them into place with their triggers.
      expect(tables.wp_br_guest_bookings).toBe(Number(created?.[1]));
      expect(await triggersOn(database, 'wp_fcal_bookings')).toEqual(['DELETE', 'INSERT', 'UPDATE']);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('swaps out an empty wp_users only when a killed --seed is run again to its end', async () => {
    const database = await newDatabase();
    const url = `${mariadb.ownerUrl}/${database}`;
    await asOwner(database, WORDPRESS_USERS);
    await killDuringSeed(url);
    expect(await siteTables(database)).toEqual({ wp_users: 0 });
    expect(await columns(database, 'wp_users')).toContain('own_column');

    const cli = await startCli(['--db', url, '--seed', '50', '--port', '0', '--quiet']);
    try {
      const reports = await getRest<ReportsResponse>(cli, 'reports', await login(cli));
      expect(reports.body.overview[0]?.number).toBe(50);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
    const tables = await tableRows(database);
    expect(Object.keys(tables).filter((name) => /^wp_br(new|old)_/.test(name))).toEqual([]);
    expect(tables.wp_fcal_bookings).toBe(50);
    expect(await columns(database, 'wp_users')).not.toContain('own_column');
  });

  it('leaves an empty wp_users as it was when the database refuses the last row of an --import', async () => {
    const database = await newDatabase();
    await asOwner(database, WORDPRESS_USERS);
    const file = importFile('too-long-users.json', { email: `${'x'.repeat(300)}@example.com` });
    const result = runCli(['--db', `${mariadb.ownerUrl}/${database}`, '--import', file]);
    expect(result.status).toBe(1);
    expect(await tableRows(database)).toEqual({ wp_users: 0 });
    expect(await columns(database, 'wp_users')).toContain('own_column');
  });

  it('drops only the build tables a killed build of its own left, and on a site it only reads names them', async () => {
    // Left by a killed build: its comment names the table it was built for.
    const database = await newDatabase();
    const url = `${mariadb.ownerUrl}/${database}`;
    await asOwner(
      database,
      "CREATE TABLE wp_brnew_users (ID bigint unsigned) COMMENT = 'booking-reports build of wp_users'",
    );
    const cli = await startCli(['--db', url, '--seed', '50', '--port', '0', '--quiet']);
    try {
      expect(cli.stderr()).toContain('Dropped wp_brnew_users, left by a build that was killed.');
      const reports = await getRest<ReportsResponse>(cli, 'reports', await login(cli));
      expect(reports.body.overview[0]?.number).toBe(50);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
    expect(Object.keys(await tableRows(database)).filter((name) => /^wp_br(new|old)_/.test(name))).toEqual(
      [],
    );

    // An empty swapped-out table beside the site it built: a read-only server names it and drops nothing.
    await asOwner(database, 'CREATE TABLE wp_brold_users (ID bigint unsigned)');
    const reader = await startCli(['--db', `${mariadb.readerUrl}/${database}`, '--port', '0', '--quiet']);
    try {
      expect(reader.stderr()).toContain('wp_brold_users: left by a build that was killed, and not dropped');
    } finally {
      expect(await reader.stop()).toBe(0);
    }
    expect(await tableRows(database)).toHaveProperty('wp_brold_users', 0);

    // A table under a build's name that no build made (a site with the prefix wp_brnew_): kept, and the seed stops.
    const other = await newDatabase();
    await asOwner(
      other,
      'CREATE TABLE wp_brnew_users (ID bigint unsigned)',
      'INSERT INTO wp_brnew_users VALUES (7)',
    );
    const refused = runCli(['--db', `${mariadb.ownerUrl}/${other}`, '--seed', '50']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("'wp_brnew_users' already exists");
    expect(await tableRows(other)).toEqual({ wp_brnew_users: 1 });
  });
});
