/**
 * Rollups of the bookings, where the backend owns the database (it created the bookings table): what the overview
 * counts, kept by the database itself so a range reads days and a short index range instead of every booking.
 *
 * - `br_booking_days`: per UTC day and host, the bookings created that day, and the completed and cancelled ones
 *   that ended that day. A window reads its whole UTC days here and its two ragged ends (less than a day each, in a
 *   site timezone whose days are not UTC's) from the bookings' own indexes (`reports/queries.ts`).
 * - `br_guest_bookings`: per booking, its guest key (the engine's: trimmed, lowercased e-mail) and the creation time
 *   of the same guest's booking before it, overall (`prev_at`) and with the same host (`host_prev_at`), in
 *   (`created_at`, `id`) order; `NULL` for a guest's first. The distinct guests of a window stay exact without
 *   collecting any key: every guest with bookings in `[start, end]` has exactly one booking there whose previous one
 *   is before `start` (or none), its first in the window. So the count is `COUNT(*)` of the window's rows with
 *   `prev_at < start`, one pass along an index of (`created_at`, `prev_at`, …), nothing sorted.
 * - `br_guests`: the distinct guests of all time, of everyone (`host_user_id` 0) and of each host.
 *
 * Triggers on the bookings table keep all three in step with every insert, update and delete, from this server or
 * any other connection or process, in the same transaction as the change. Filled in one statement each from the
 * bookings when created ({@link createRollups}), e.g. after a seed.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SqliteSiteDatabase } from './connection';
import { ROLLUP_TABLE_NAMES } from './tables';
import type { ReportsDatabase } from './tables';

/** The trigger names, unprefixed, and what they follow. */
const TRIGGERS = ['br_bookings_insert', 'br_bookings_update', 'br_bookings_delete'] as const;

/** SQL of the engine's guest key of an e-mail expression (as `reports/queries.ts` counts it without rollups). */
const guestKey = (email: string): string => `lower(trim(${email}))`;

/**
 * The statements that take one booking row (`row` is `new` or `old`) into the rollups (`sign` 1) or out of them
 * (`sign` -1), for a SQLite trigger body. Order matters: a booking joins its guest's chains before its successor
 * is relinked to it, and leaves them before its successor is relinked past it.
 */
function sqliteRowStatements(prefix: string, row: 'new' | 'old', sign: 1 | -1): string[] {
  const days = `${prefix}br_booking_days`;
  const visits = `${prefix}br_guest_bookings`;
  const guests = `${prefix}br_guests`;
  const key = guestKey(`${row}.email`);
  const dayCounts = [
    `insert into ${days} (day, host_user_id, booked, completed, cancelled)
       values (substr(${row}.created_at, 1, 10), ${row}.host_user_id, ${sign}, 0, 0)
       on conflict (day, host_user_id) do update set booked = booked + excluded.booked`,
    `insert into ${days} (day, host_user_id, booked, completed, cancelled)
       select substr(${row}.end_time, 1, 10), ${row}.host_user_id, 0,
         ${sign} * (${row}.status = 'completed'), ${sign} * (${row}.status = 'cancelled')
       where ${row}.status in ('completed', 'cancelled')
       on conflict (day, host_user_id) do update
         set completed = completed + excluded.completed, cancelled = cancelled + excluded.cancelled`,
  ];
  // The booking after this one in a chain: the guest's (and host's) next by (`created_at`, `id`).
  const after = (scope: string): string => `(select n.id from ${visits} n
       where n.guest = ${key}${scope} and (n.created_at, n.id) > (${row}.created_at, ${row}.id)
       order by n.created_at, n.id limit 1)`;
  const hostScope = ` and n.host_user_id = ${row}.host_user_id`;
  // The creation time of the booking before the updated one in its chain. (The updated table is named, not aliased:
  // SQLite before 3.45, the sqlite3 shell of Debian 12 among them, cannot read a trigger with an aliased update.)
  const before = (scope: string): string => `(select p.created_at from ${visits} p
       where p.guest = ${visits}.guest${scope}
         and (p.created_at, p.id) < (${visits}.created_at, ${visits}.id)
       order by p.created_at desc, p.id desc limit 1)`;
  const relink = (ids: string): string => `update ${visits} set
       prev_at = ${before('')},
       host_prev_at = ${before(` and p.host_user_id = ${visits}.host_user_id`)}
     where id in (${ids})`;
  // A guest counts once it has a booking (of that host) and until its last one goes.
  const othersOf = (scope: string): string =>
    `exists (select 1 from ${visits} o where o.guest = ${key}${scope} and o.id <> ${row}.id)`;
  const guestCounts = [
    `insert into ${guests} (host_user_id, guests) values (0, 0), (${row}.host_user_id, 0)
       on conflict (host_user_id) do nothing`,
    `update ${guests} set guests = guests + ${sign}
       where host_user_id = 0 and not ${othersOf('')}`,
    `update ${guests} set guests = guests + ${sign}
       where host_user_id = ${row}.host_user_id and not ${othersOf(' and o.host_user_id = ' + row + '.host_user_id')}`,
  ];
  if (sign === 1) {
    return [
      ...dayCounts,
      ...guestCounts,
      `insert into ${visits} (id, guest, host_user_id, created_at) values (${row}.id, ${key}, ${row}.host_user_id, ${row}.created_at)`,
      relink(`${row}.id, ${after('')}, ${after(hostScope)}`),
    ];
  }
  return [
    ...dayCounts,
    ...guestCounts,
    `delete from ${visits} where id = ${row}.id`,
    relink(`${after('')}, ${after(hostScope)}`),
  ];
}

/** The rollups' triggers on a SQLite bookings table. */
function sqliteTriggers(prefix: string): string[] {
  const bookings = `${prefix}fcal_bookings`;
  const body = (statements: string[]): string => `begin\n${statements.map((s) => `  ${s};`).join('\n')}\nend`;
  return [
    `create trigger ${prefix}br_bookings_insert after insert on ${bookings} for each row
     ${body(sqliteRowStatements(prefix, 'new', 1))}`,
    // Only the columns the rollups read: a status change moves a completed or cancelled count, an e-mail change a
    // booking from one guest's chain to another's.
    `create trigger ${prefix}br_bookings_update
     after update of id, email, host_user_id, created_at, end_time, status on ${bookings} for each row
     ${body([...sqliteRowStatements(prefix, 'old', -1), ...sqliteRowStatements(prefix, 'new', 1)])}`,
    `create trigger ${prefix}br_bookings_delete after delete on ${bookings} for each row
     ${body(sqliteRowStatements(prefix, 'old', -1))}`,
  ];
}

/**
 * Fills the rollups from the bookings, in one statement each (window functions number each guest's chain).
 * The tables must be empty.
 */
function fillSqlite(sqlite: SqliteSiteDatabase['sqlite'], prefix: string): void {
  const bookings = `${prefix}fcal_bookings`;
  const key = guestKey('email');
  sqlite.exec(`
    insert into ${prefix}br_guest_bookings (id, guest, host_user_id, created_at, prev_at, host_prev_at)
      select id, ${key}, host_user_id, created_at,
        lag(created_at) over (partition by ${key} order by created_at, id),
        lag(created_at) over (partition by host_user_id, ${key} order by created_at, id)
      from ${bookings};
    insert into ${prefix}br_booking_days (day, host_user_id, booked, completed, cancelled)
      select day, host_user_id, sum(booked), sum(completed), sum(cancelled) from (
        select substr(created_at, 1, 10) as day, host_user_id, 1 as booked, 0 as completed, 0 as cancelled
          from ${bookings}
        union all
        select substr(end_time, 1, 10), host_user_id, 0, status = 'completed', status = 'cancelled'
          from ${bookings} where status in ('completed', 'cancelled')
      ) group by day, host_user_id;
    insert into ${prefix}br_guests (host_user_id, guests)
      select 0, count(distinct guest) from ${prefix}br_guest_bookings
      union all
      select host_user_id, count(distinct guest) from ${prefix}br_guest_bookings group by host_user_id;
  `);
}

/**
 * Creates the rollup tables, fills them from the bookings and adds the triggers that keep them, in one transaction.
 * Only for a bookings table this backend created: the triggers write on every change to it.
 */
export function createSqliteRollups(site: SqliteSiteDatabase): void {
  const { sqlite, prefix } = site;
  sqlite.transaction(() => {
    sqlite.exec(`
      create table ${prefix}br_booking_days (
        day text not null, host_user_id integer not null,
        booked integer not null, completed integer not null, cancelled integer not null,
        primary key (day, host_user_id)
      ) without rowid;
      create table ${prefix}br_guest_bookings (
        id integer primary key, guest text not null, host_user_id integer not null, created_at text not null,
        prev_at text, host_prev_at text
      );
      create table ${prefix}br_guests (host_user_id integer primary key, guests integer not null);
    `);
    fillSqlite(sqlite, prefix);
    // After the fill: building an index over sorted rows once is faster than keeping it while inserting. One index
    // answers every window's guests, an administrator's and a host's (a host's bookings are a few of the window's,
    // filtered in the index): with a host's index of its own beside it, SQLite may skip-scan that one for an
    // administrator's count and read every row (16 ms for a month of a million bookings instead of 3.5).
    sqlite.exec(`
      create index ${prefix}br_guest_bookings_chain on ${prefix}br_guest_bookings (guest, created_at);
      create index ${prefix}br_guest_bookings_host_chain
        on ${prefix}br_guest_bookings (host_user_id, guest, created_at);
      create index ${prefix}br_guest_bookings_window
        on ${prefix}br_guest_bookings (created_at, prev_at, host_user_id, host_prev_at);
    `);
    for (const trigger of sqliteTriggers(prefix)) sqlite.exec(trigger);
  })();
}

/** Whether a SQLite site has the rollup tables and triggers (see {@link hasRollups}). */
export function sqliteHasRollups(site: SqliteSiteDatabase): boolean {
  const names = [...TRIGGERS, ...ROLLUP_TABLE_NAMES].map((name) => `${site.prefix}${name}`);
  const found = site.sqlite
    .prepare(
      `select count(*) from sqlite_master where type in ('table', 'trigger') and name in (${names.map(() => '?').join(', ')})`,
    )
    .pluck()
    .get(...names);
  return Number(found) === names.length;
}

/**
 * Drops the rollups and their triggers, in one transaction, before a bulk write that {@link createSqliteRollups}
 * follows: filling them once afterwards is several times faster than keeping them row by row. A site left without
 * them (a process killed in between) is answered by index searches, exactly as with them.
 */
export function dropSqliteRollups(site: SqliteSiteDatabase): void {
  const { sqlite, prefix } = site;
  sqlite.transaction(() => {
    for (const name of TRIGGERS) sqlite.exec(`drop trigger if exists ${prefix}${name}`);
    for (const name of ROLLUP_TABLE_NAMES) sqlite.exec(`drop table if exists ${prefix}${name}`);
  })();
}

/**
 * Whether the site's bookings have rollups kept by their triggers: the three tables and the three triggers exist
 * (a database from before rollups, or one whose bookings table the booking plugin made, has none).
 */
export async function hasRollups(db: Kysely<ReportsDatabase>): Promise<boolean> {
  // The names as the query builder writes them (its prefix plugin adds the site's prefix to table names); the
  // dialect is told by how it quotes them, backquotes being MySQL/MariaDB's.
  const mysql = sql`${sql.id('x')}`.compile(db).sql === '`x`';
  const named = (name: string): string =>
    sql`${sql.table(name)}`.compile(db).sql.replaceAll(mysql ? '`' : '"', '');
  const prefix = named('fcal_bookings').slice(0, -'fcal_bookings'.length);
  if (mysql) return mysqlHasRollups(db, prefix);
  const names = [...TRIGGERS.map((name) => `${prefix}${name}`), ...ROLLUP_TABLE_NAMES.map(named)];
  const { rows } = await sql<{ count: number }>`
    select count(*) as count from sqlite_master
    where type in ('table', 'trigger') and name in (${sql.join(names)})`.execute(db);
  return Number(rows[0]?.count ?? 0) === names.length;
}

/** Where the rollups of a MySQL/MariaDB site are made: each table's name now, and the names they end up under. */
export interface MysqlRollupNames {
  /** A table's full name as it is now: the site's (prefixed), or a build's staging name (`rebuild.ts`). */
  now: (table: 'fcal_bookings' | RollupTableName) => string;
  /** The site's prefix: the triggers' bodies name the rollup tables as they are once in place. */
  prefix: string;
  /** Each rollup table's comment (a build marks its tables, `rebuild.ts`). @default none */
  comment?: (table: RollupTableName) => string;
}

/** An unprefixed rollup table name. */
type RollupTableName = (typeof ROLLUP_TABLE_NAMES)[number];

/**
 * The guest key as MySQL/MariaDB compares it here: byte-exact, as SQLite and the engine do, and as the overview's
 * `COUNT(DISTINCT …)` compares it there (`mysql.ts`).
 */
const mysqlGuestKey = (email: string): string =>
  `convert(lower(trim(${email})) using utf8mb4) collate utf8mb4_bin`;

/** A MySQL/MariaDB identifier, quoted. */
const quoted = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/**
 * The statements that take one booking row into the rollups (`sign` 1) or out of them (`sign` -1), for a MySQL
 * trigger body. A statement there may not update a table it also reads (error 1093), so a chain's neighbours and
 * their times go through the body's variables (declared by {@link mysqlTriggers}). Same order as on SQLite.
 */
function mysqlRowStatements(prefix: string, row: 'NEW' | 'OLD', sign: 1 | -1): string[] {
  const days = quoted(`${prefix}br_booking_days`);
  const visits = quoted(`${prefix}br_guest_bookings`);
  const guests = quoted(`${prefix}br_guests`);
  const key = mysqlGuestKey(`${row}.email`);
  // The booking after this one in a chain: the guest's (and host's) next by (`created_at`, `id`).
  const next = (scope: string): string => `(select n.id from ${visits} n
      where n.guest = ${key}${scope}
        and (n.created_at > ${row}.created_at or (n.created_at = ${row}.created_at and n.id > ${row}.id))
      order by n.created_at, n.id limit 1)`;
  const hostScope = ` and n.host_user_id = ${row}.host_user_id`;
  // The creation time of the booking before booking `id` (of guest `r_guest`) in a chain.
  const before = (id: string, scope: string): string => `(select p.created_at from ${visits} p
      where p.guest = r_guest${scope}
        and (p.created_at < r_created or (p.created_at = r_created and p.id < ${id}))
      order by p.created_at desc, p.id desc limit 1)`;
  const relink = (id: string): string[] => [
    `set r_host = (select v.host_user_id from ${visits} v where v.id = ${id})`,
    `set r_created = (select v.created_at from ${visits} v where v.id = ${id})`,
    `if r_created is not null then
      set r_prev = ${before(id, '')};
      set r_host_prev = ${before(id, ' and p.host_user_id = r_host')};
      update ${visits} set prev_at = r_prev, host_prev_at = r_host_prev where id = ${id};
    end if`,
  ];
  // A guest counts once it has a booking (of that host) and until its last one goes.
  const othersOf = (scope: string): string =>
    `exists (select 1 from ${visits} o where o.guest = ${key}${scope} and o.id <> ${row}.id)`;
  const counts = [
    `insert into ${days} (day, host_user_id, booked, completed, cancelled)
      values (date(${row}.created_at), ${row}.host_user_id, ${sign}, 0, 0)
      on duplicate key update booked = booked + values(booked)`,
    `if ${row}.status in ('completed', 'cancelled') then
      insert into ${days} (day, host_user_id, booked, completed, cancelled)
        values (date(${row}.end_time), ${row}.host_user_id, 0,
          ${sign} * (${row}.status = 'completed'), ${sign} * (${row}.status = 'cancelled'))
        on duplicate key update completed = completed + values(completed), cancelled = cancelled + values(cancelled);
    end if`,
    `insert ignore into ${guests} (host_user_id, guests) values (0, 0), (${row}.host_user_id, 0)`,
    `update ${guests} set guests = guests + ${sign} where host_user_id = 0 and not ${othersOf('')}`,
    `update ${guests} set guests = guests + ${sign}
      where host_user_id = ${row}.host_user_id and not ${othersOf(` and o.host_user_id = ${row}.host_user_id`)}`,
    `set r_guest = ${key}`,
  ];
  if (sign === 1) {
    return [
      ...counts,
      `insert into ${visits} (id, guest, host_user_id, created_at)
        values (${row}.id, ${key}, ${row}.host_user_id, ${row}.created_at)`,
      `set s1 = ${next('')}`,
      `set s2 = ${next(hostScope)}`,
      ...relink(`${row}.id`),
      ...relink('s1'),
      ...relink('s2'),
    ];
  }
  return [
    ...counts,
    `delete from ${visits} where id = ${row}.id`,
    `set s1 = ${next('')}`,
    `set s2 = ${next(hostScope)}`,
    ...relink('s1'),
    ...relink('s2'),
  ];
}

/** The prefix of the rollups' trigger names on MySQL/MariaDB, which a random suffix makes unique per build. */
const mysqlTriggerPrefix = (prefix: string): string => `${prefix}br_bookings_`;

/** The rollups' triggers on a MySQL/MariaDB bookings table (`bookings`, its full name now). */
function mysqlTriggers(bookings: string, prefix: string): string[] {
  // Trigger names are per database, not per table: a bookings table swapped out by a build keeps its own.
  const suffix = randomBytes(4).toString('hex');
  const declare = `declare s1, s2, r_host bigint unsigned;
    declare r_created, r_prev, r_host_prev datetime;
    declare r_guest varchar(192) character set utf8mb4 collate utf8mb4_bin;`;
  const body = (statements: string[]): string =>
    `begin\n${declare}\n${statements.map((statement) => `${statement};`).join('\n')}\nend`;
  const name = (event: string): string => quoted(`${mysqlTriggerPrefix(prefix)}${event}_${suffix}`);
  return [
    `create trigger ${name('insert')} after insert on ${quoted(bookings)} for each row
      ${body(mysqlRowStatements(prefix, 'NEW', 1))}`,
    // (MariaDB 10.11 fires this even for a row `UPDATE IGNORE` leaves alone on a duplicate id: taking the row out and
    // putting it back under the taken id then fails on the rollups' own key, and the statement with it, so the
    // rollups never go wrong; the writer gets the duplicate-key error its IGNORE meant to skip.)
    // Every update: a MySQL trigger cannot name its columns, and an update that leaves the rollups' columns alone
    // takes its row out and puts it back unchanged.
    `create trigger ${name('update')} after update on ${quoted(bookings)} for each row
      ${body([...mysqlRowStatements(prefix, 'OLD', -1), ...mysqlRowStatements(prefix, 'NEW', 1)])}`,
    `create trigger ${name('delete')} after delete on ${quoted(bookings)} for each row
      ${body(mysqlRowStatements(prefix, 'OLD', -1))}`,
  ];
}

/**
 * Creates the rollup tables on MySQL/MariaDB, fills them from the bookings and adds the triggers that keep them.
 * DDL is not transactional there, so nothing may write the bookings meanwhile (a new site's tables, or a build's
 * staging ones). A failure (e.g. no `TRIGGER` privilege, or binary logging that refuses triggers without `SUPER`)
 * drops what was made and rejects: the site is then answered by index searches, with the same numbers.
 */
export async function createMysqlRollups(
  db: Kysely<ReportsDatabase>,
  names: MysqlRollupNames,
): Promise<void> {
  const table = (name: 'fcal_bookings' | RollupTableName): string => quoted(names.now(name));
  const options = (name: RollupTableName): string =>
    'engine = InnoDB default charset = utf8mb4 collate = utf8mb4_bin' +
    (names.comment ? ` comment = ${sql.lit(names.comment(name)).compile(db).sql}` : '');
  const key = mysqlGuestKey('email');
  const bookings = table('fcal_bookings');
  const statements = [
    `create table ${table('br_booking_days')} (
      day date not null, host_user_id bigint unsigned not null,
      booked bigint not null, completed bigint not null, cancelled bigint not null,
      primary key (day, host_user_id)) ${options('br_booking_days')}`,
    `create table ${table('br_guest_bookings')} (
      id bigint unsigned not null primary key, guest varchar(192) not null, host_user_id bigint unsigned not null,
      created_at datetime not null, prev_at datetime null, host_prev_at datetime null) ${options('br_guest_bookings')}`,
    `create table ${table('br_guests')} (
      host_user_id bigint unsigned not null primary key, guests bigint not null) ${options('br_guests')}`,
    `insert into ${table('br_guest_bookings')} (id, guest, host_user_id, created_at, prev_at, host_prev_at)
      select id, ${key}, host_user_id, created_at,
        lag(created_at) over (partition by ${key} order by created_at, id),
        lag(created_at) over (partition by host_user_id, ${key} order by created_at, id)
      from ${bookings}`,
    `insert into ${table('br_booking_days')} (day, host_user_id, booked, completed, cancelled)
      select day, host_user_id, sum(booked), sum(completed), sum(cancelled) from (
        select date(created_at) as day, host_user_id, 1 as booked, 0 as completed, 0 as cancelled from ${bookings}
        union all
        select date(end_time), host_user_id, 0, status = 'completed', status = 'cancelled'
          from ${bookings} where status in ('completed', 'cancelled')
      ) as counted group by day, host_user_id`,
    `insert into ${table('br_guests')} (host_user_id, guests)
      select 0, count(distinct guest) from ${table('br_guest_bookings')}
      union all
      select host_user_id, count(distinct guest) from ${table('br_guest_bookings')} group by host_user_id`,
    // After the fill, as on SQLite: one index build over the rows beats keeping it while inserting.
    `alter table ${table('br_guest_bookings')}
      add key chain (guest, created_at), add key host_chain (host_user_id, guest, created_at),
      add key \`window\` (created_at, prev_at, host_user_id, host_prev_at)`,
    ...mysqlTriggers(names.now('fcal_bookings'), names.prefix),
  ];
  try {
    for (const statement of statements) await sql.raw(statement).execute(db);
  } catch (error) {
    await dropMysqlRollups(db, names);
    throw error;
  }
}

/** The rollups' triggers on a MySQL/MariaDB bookings table (its full name now), whatever their build's suffix. */
async function mysqlRollupTriggers(
  db: Kysely<ReportsDatabase>,
  bookings: string,
  prefix: string,
): Promise<string[]> {
  const pattern = mysqlTriggerPrefix(prefix).replace(/[\\_%]/g, (char) => `\\${char}`);
  const { rows } = await sql<{ name: string }>`
    select trigger_name as name from information_schema.triggers
    where trigger_schema = database() and event_object_table = ${bookings}
      and trigger_name like ${`${pattern}%`}`.execute(db);
  return rows.map((row) => row.name);
}

/** Drops the triggers of the rollups on a MySQL/MariaDB bookings table (its full name now). */
export async function dropMysqlRollupTriggers(
  db: Kysely<ReportsDatabase>,
  bookings: string,
  prefix: string,
): Promise<void> {
  for (const name of await mysqlRollupTriggers(db, bookings, prefix))
    await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
}

/** Drops the rollups of a MySQL/MariaDB bookings table: its triggers first, then the tables. */
export async function dropMysqlRollups(db: Kysely<ReportsDatabase>, names: MysqlRollupNames): Promise<void> {
  await dropMysqlRollupTriggers(db, names.now('fcal_bookings'), names.prefix);
  for (const name of ROLLUP_TABLE_NAMES)
    await sql`drop table if exists ${sql.id(names.now(name))}`.execute(db);
}

/** Whether a MySQL/MariaDB site has its rollups in place: the three tables, and the three triggers on its bookings. */
export async function mysqlHasRollups(db: Kysely<ReportsDatabase>, prefix: string): Promise<boolean> {
  const tables = ROLLUP_TABLE_NAMES.map((name) => `${prefix}${name}`);
  const { rows } = await sql<{ count: number }>`
    select count(*) as count from information_schema.tables
    where table_schema = database() and table_name in (${sql.join(tables)})`.execute(db);
  if (Number(rows[0]?.count ?? 0) !== tables.length) return false;
  return (await mysqlRollupTriggers(db, `${prefix}fcal_bookings`, prefix)).length === TRIGGERS.length;
}
