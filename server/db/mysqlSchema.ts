/**
 * The same tables on MySQL/MariaDB, in the column types WordPress and the plugin use there: `BIGINT UNSIGNED` ids,
 * `DATETIME` times (UTC, compared with `YYYY-MM-DD HH:mm:ss` bounds), `VARCHAR`/`LONGTEXT` text, InnoDB and
 * utf8mb4 as `$wpdb->get_charset_collate()` gives on a current site, and the indexes of the SQLite schema.
 *
 * Only missing tables are created, so a WordPress database's own `wp_users`, `wp_usermeta` and `wp_options` (and
 * the plugin's tables, when it is installed) are never altered.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { MysqlSiteDatabase } from './connection';
import { createMysqlRollups } from './rollups';
import { BOOKING_INDEXES, PLUGIN_BOOKING_INDEXES, TABLE_NAMES } from './tables';
import type { BookingIndexes, ReportsDatabase, TableName } from './tables';

/** WordPress's table options on a current MySQL/MariaDB. */
const TABLE_OPTIONS = sql`engine = InnoDB default charset = utf8mb4 collate = utf8mb4_unicode_520_ci`;
const ID = sql`bigint unsigned`;

/** The tables (unprefixed names) that exist in the site's database. */
export async function existingTables(site: MysqlSiteDatabase): Promise<Set<TableName>> {
  const wanted = new Map<string, TableName>(TABLE_NAMES.map((name) => [`${site.prefix}${name}`, name]));
  const rows = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = database() and table_name in (${sql.join([...wanted.keys()])})`.execute(site.db);
  return new Set(rows.rows.flatMap((row) => wanted.get(row.name) ?? []));
}

/**
 * Creates one table with its indexes; `options` ends the `create table` (engine, charset, a comment), `indexes`
 * says which the bookings table gets.
 */
type TableCreator = (
  db: Kysely<ReportsDatabase>,
  options: RawBuilder<unknown>,
  indexes: BookingIndexes,
) => Promise<void>;

const CREATE_TABLE: Readonly<Record<TableName, TableCreator>> = {
  fcal_bookings: async (db, options, indexes) => {
    await db.schema
      .createTable('fcal_bookings')
      .addColumn('id', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('hash', 'varchar(191)', (column) => column.notNull())
      .addColumn('calendar_id', ID, (column) => column.notNull())
      .addColumn('event_id', ID, (column) => column.notNull())
      .addColumn('group_id', ID, (column) => column.notNull())
      .addColumn('parent_id', ID)
      .addColumn('host_user_id', ID, (column) => column.notNull())
      .addColumn('person_time_zone', 'varchar(191)', (column) => column.notNull())
      .addColumn('start_time', 'datetime', (column) => column.notNull())
      .addColumn('end_time', 'datetime', (column) => column.notNull())
      .addColumn('slot_minutes', 'integer', (column) => column.notNull())
      .addColumn('first_name', 'varchar(192)', (column) => column.notNull())
      .addColumn('last_name', 'varchar(192)', (column) => column.notNull())
      .addColumn('email', 'varchar(192)', (column) => column.notNull())
      .addColumn('message', sql`longtext`)
      .addColumn('phone', 'varchar(191)')
      .addColumn('status', 'varchar(50)', (column) => column.notNull())
      .addColumn('source', 'varchar(50)', (column) => column.notNull())
      .addColumn('event_type', 'varchar(50)', (column) => column.notNull())
      .addColumn('payment_status', 'varchar(50)')
      .addColumn('created_at', 'datetime', (column) => column.notNull())
      .addColumn('updated_at', 'datetime', (column) => column.notNull())
      .modifyEnd(options)
      .execute();
    for (const [name, columns] of indexes === 'own' ? BOOKING_INDEXES : PLUGIN_BOOKING_INDEXES) {
      await db.schema
        .createIndex(name)
        .on('fcal_bookings')
        .columns([...columns])
        .execute();
    }
  },
  fcal_calendar_events: async (db, options) => {
    await db.schema
      .createTable('fcal_calendar_events')
      .addColumn('id', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('calendar_id', ID, (column) => column.notNull())
      .addColumn('user_id', ID, (column) => column.notNull())
      .addColumn('title', 'varchar(192)', (column) => column.notNull())
      .addColumn('duration', 'integer', (column) => column.notNull())
      .addColumn('event_type', 'varchar(50)', (column) => column.notNull())
      .addColumn('status', 'varchar(50)', (column) => column.notNull())
      .modifyEnd(options)
      .execute();
  },
  fcal_calendars: async (db, options) => {
    await db.schema
      .createTable('fcal_calendars')
      .addColumn('id', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('user_id', ID, (column) => column.notNull())
      .addColumn('title', 'varchar(192)', (column) => column.notNull())
      .addColumn('author_timezone', 'varchar(191)', (column) => column.notNull())
      .modifyEnd(options)
      .execute();
  },
  fcal_booking_activity: async (db, options) => {
    await db.schema
      .createTable('fcal_booking_activity')
      .addColumn('id', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('booking_id', ID)
      .addColumn('parent_id', ID)
      .addColumn('created_by', ID)
      .addColumn('status', 'varchar(50)', (column) => column.notNull())
      .addColumn('type', 'varchar(50)', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('description', sql`longtext`, (column) => column.notNull())
      .addColumn('created_at', 'datetime', (column) => column.notNull())
      .addColumn('updated_at', 'datetime', (column) => column.notNull())
      .modifyEnd(options)
      .execute();
    await db.schema.createIndex('created_at').on('fcal_booking_activity').column('created_at').execute();
    await db.schema.createIndex('booking_id').on('fcal_booking_activity').column('booking_id').execute();
  },
  // WordPress's own `wp_users` columns, so a site created here looks like a WordPress one to the queries.
  users: async (db, options) => {
    await db.schema
      .createTable('users')
      .addColumn('ID', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('user_login', 'varchar(60)', (column) => column.notNull().defaultTo(''))
      .addColumn('user_pass', 'varchar(255)', (column) => column.notNull().defaultTo(''))
      .addColumn('user_nicename', 'varchar(50)', (column) => column.notNull().defaultTo(''))
      .addColumn('user_email', 'varchar(100)', (column) => column.notNull().defaultTo(''))
      .addColumn('user_url', 'varchar(100)', (column) => column.notNull().defaultTo(''))
      .addColumn('user_registered', 'datetime', (column) =>
        column.notNull().defaultTo(sql`current_timestamp`),
      )
      .addColumn('user_activation_key', 'varchar(255)', (column) => column.notNull().defaultTo(''))
      .addColumn('user_status', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('display_name', 'varchar(250)', (column) => column.notNull().defaultTo(''))
      .modifyEnd(options)
      .execute();
    await db.schema.createIndex('user_login_key').on('users').column('user_login').execute();
    await db.schema.createIndex('user_email').on('users').column('user_email').execute();
  },
  usermeta: async (db, options) => {
    await db.schema
      .createTable('usermeta')
      .addColumn('umeta_id', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('user_id', ID, (column) => column.notNull().defaultTo(0))
      .addColumn('meta_key', 'varchar(255)')
      .addColumn('meta_value', sql`longtext`)
      .modifyEnd(options)
      .execute();
    await db.schema.createIndex('user_id_meta_key').on('usermeta').columns(['user_id', 'meta_key']).execute();
  },
  options: async (db, options) => {
    await db.schema
      .createTable('options')
      .addColumn('option_id', ID, (column) => column.primaryKey().autoIncrement())
      .addColumn('option_name', 'varchar(191)', (column) => column.notNull().defaultTo('').unique())
      .addColumn('option_value', sql`longtext`, (column) => column.notNull())
      .addColumn('autoload', 'varchar(20)', (column) => column.notNull().defaultTo('yes'))
      .modifyEnd(options)
      .execute();
  },
};

/**
 * Creates the tables that are missing, each with its indexes; existing tables are left exactly as they are.
 * @param indexes The bookings table's: ours, or only the booking plugin's own (`tables.ts`). @default 'own'
 * @param rollups Rollups kept by triggers (`rollups.ts`) for a bookings table this call creates with our own
 * indexes. @default true
 */
export async function createMysqlSchema(
  site: MysqlSiteDatabase,
  indexes: BookingIndexes = 'own',
  rollups = true,
): Promise<void> {
  const existing = await existingTables(site);
  for (const name of TABLE_NAMES) {
    if (!existing.has(name)) await CREATE_TABLE[name](site.db, TABLE_OPTIONS, indexes);
  }
  if (!existing.has('fcal_bookings') && indexes === 'own' && rollups) {
    await createMysqlRollups(site.db, { now: (name) => `${site.prefix}${name}`, prefix: site.prefix });
  }
}

/**
 * Creates one table, with its indexes, under the name `site.db` gives it (a build's staging name, `rebuild.ts`),
 * with `comment` as its table comment.
 */
export async function createMysqlTable(
  site: MysqlSiteDatabase,
  name: TableName,
  comment: string,
): Promise<void> {
  await CREATE_TABLE[name](site.db, sql`${TABLE_OPTIONS} comment = ${sql.lit(comment)}`, 'own');
}
