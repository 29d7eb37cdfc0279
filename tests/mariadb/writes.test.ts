/**
 * `--import` and `--seed` on MariaDB write a new site in one transaction: a failed import leaves no table it
 * created, and a `kill -9` in the middle of a seed leaves no row.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ReportsResponse } from '../../src/api/types';
import { generateBookings, generateSiteData } from '../../src/data/generate';
import { CLI, getRest, login, startCli, stopStartedClis } from '../server/support';
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

/** Runs the command line to its end (for the runs that fail): exit code and stderr. */
function runCli(args: readonly string[]): { status: number | null; stderr: string } {
  // The timeout only ends a run that wrongly went on to serve; the test then fails on its exit code.
  const result = spawnSync(process.execPath, [...CLI, ...args, '--port', '0', '--quiet'], {
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, stderr: result.stderr };
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

  it('leaves no row after a --seed is killed, so the next --seed fills the tables', async () => {
    const database = await newDatabase();
    const url = `${mariadb.ownerUrl}/${database}`;
    const child = spawn(
      process.execPath,
      [...CLI, '--db', url, '--seed', '200000', '--port', '0', '--quiet'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Bookings are being written: kill it there.
      if (/Seeding bookings: \d/.test(stderr)) child.kill('SIGKILL');
    });
    const signal = await new Promise((resolve) => child.once('exit', (_code, how) => resolve(how)));
    expect(signal).toBe('SIGKILL');
    const left = await tableRows(database);
    expect(Object.keys(left)).toContain('wp_fcal_bookings');
    expect(left).toEqual(Object.fromEntries(Object.keys(left).map((table) => [table, 0])));

    const cli = await startCli(['--db', url, '--seed', '50', '--port', '0', '--quiet']);
    try {
      const reports = await getRest<ReportsResponse>(cli, 'reports', await login(cli));
      expect(reports.body.overview[0]?.number).toBe(50);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
