/**
 * The MariaDB factory for the shared backend suites: every test database is a new database on the suite's server,
 * created and filled by the owner account, and served through the read-only account, as a WordPress database would
 * be.
 */
import { createConnection } from 'mysql2/promise';
import { inject } from 'vitest';
import type { SiteData } from '../../src/data/schema';
import { openMysqlDatabase } from '../../server/db/mysql';
import type { OpenMysqlOptions } from '../../server/db/mysql';
import { createSchema } from '../../server/db/schema';
import { TABLE_NAMES } from '../../server/db/tables';
import type { BookingIndexes } from '../../server/db/tables';
import { insertSiteData } from '../../server/db/write';
import type { TestDatabaseFactory } from '../server/support';
import type { MariadbInfo } from './mariadb';

let databasesMade = 0;

/** A name no other test file of this run uses (the grants cover `br_…`). */
function newDatabaseName(): string {
  databasesMade += 1;
  return `br_${process.pid}_${databasesMade}`;
}

/** Runs one statement as the owner, outside any database. */
async function asOwner(info: MariadbInfo, statement: string): Promise<void> {
  const connection = await createConnection(info.ownerUrl);
  try {
    await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/** Creates an empty database (WordPress's charset and collation) and returns its name. */
export async function createDatabase(info: MariadbInfo): Promise<string> {
  const name = newDatabaseName();
  await asOwner(info, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`);
  return name;
}

/** Drops a database made by {@link createDatabase}. */
export async function dropDatabase(info: MariadbInfo, name: string): Promise<void> {
  await asOwner(info, `DROP DATABASE IF EXISTS \`${name}\``);
}

/** Opens a database of the suite's server as `owner` or `reader`. */
export function openSite(
  info: MariadbInfo,
  account: 'owner' | 'reader',
  database: string,
  options: Omit<OpenMysqlOptions, 'url'> = {},
) {
  const base = account === 'owner' ? info.ownerUrl : info.readerUrl;
  return openMysqlDatabase({ ...options, url: `${base}/${database}` });
}

/**
 * The owner creates the schema and writes the rows; nothing else is done as the owner.
 * @param indexes The bookings table's indexes (`createSchema`). @default 'own'
 */
export async function fillDatabase(
  info: MariadbInfo,
  database: string,
  data: SiteData,
  prefix = 'wp_',
  indexes: BookingIndexes = 'own',
): Promise<void> {
  const owner = openSite(info, 'owner', database, { prefix });
  try {
    await createSchema(owner, { indexes });
    await insertSiteData(owner, data);
  } finally {
    await owner.close();
  }
}

/**
 * The suites' databases on a MariaDB server.
 * @param info The server. @default the suite's server
 * @param options Pool options of the sites the servers read (timeouts, pool size).
 * @param indexes The bookings table's indexes: ours, or only the booking plugin's own (its tables as it makes them,
 *   where the reports take their one-pass plans). @default 'own'
 */
export function mariadbDatabases(
  info: MariadbInfo = inject('mariadb'),
  options: Omit<OpenMysqlOptions, 'url' | 'prefix'> = {},
  indexes: BookingIndexes = 'own',
): TestDatabaseFactory {
  return {
    label: indexes === 'own' ? ' (MariaDB)' : ' (MariaDB, the plugin’s indexes only)',
    async create(data, prefix = 'wp_') {
      const name = await createDatabase(info);
      await fillDatabase(info, name, data, prefix, indexes);
      return {
        site: openSite(info, 'reader', name, { ...options, prefix }),
        cleanUp: () => dropDatabase(info, name),
      };
    },
    async scratch() {
      const name = await createDatabase(info);
      const owner = openSite(info, 'owner', name);
      await createSchema(owner, { indexes });
      const reader = openSite(info, 'reader', name, options);
      return {
        async load(data) {
          await owner.db.transaction().execute(async (trx) => {
            for (const table of TABLE_NAMES) await trx.deleteFrom(table).execute();
          });
          await insertSiteData(owner, data);
          return reader;
        },
        async close() {
          await reader.close();
          await owner.close();
          await dropDatabase(info, name);
        },
      };
    },
  };
}
