/**
 * Writing a whole site aside: `--seed`, `--import` and the first demo site build the new site apart from the target
 * and move it into place in one step, so the target always holds the old state or the whole new site.
 *
 * SQLite: the new file is `<db>.tmp-<pid>` in the target's folder (a rename is atomic only within one file system).
 * Until the rename, the old file is only read (its options and its non-role user meta are carried over, so the nonce
 * secret and with it every login survive a reseed); a failure deletes the new file, and a `kill -9` leaves it behind
 * for the next start to delete ({@link removeAbandonedBuilds}), never in place of the old one.
 *
 * MySQL/MariaDB ({@link buildMysqlAside}): DDL is not transactional there, so the tables are created under a
 * staging prefix (`<prefix>brnew_`), filled in one transaction and renamed into place by one `RENAME TABLE`, which
 * is atomic; a target table that exists empty is swapped out in the same statement (to `<prefix>brold_`) and
 * dropped after it. A failure drops the staging tables; a `kill -9` leaves them for the next build to drop
 * ({@link dropAbandonedMysqlBuild}), never half-filled or empty tables under the site's own names.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { openDatabase, TableNamePlugin } from './connection';
import type { MysqlSiteDatabase, SqliteSiteDatabase } from './connection';
import { createMysqlTable, existingTables } from './mysqlSchema';
import { createSchema } from './schema';
import { createMysqlRollups, dropMysqlRollupTriggers } from './rollups';
import type { MysqlRollupNames } from './rollups';
import { ROLLUP_TABLE_NAMES, TABLE_NAMES } from './tables';
import type { KnownTableName, ReportsDatabase, TableName } from './tables';

/** The files SQLite may keep beside a database file. */
const COMPANION_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/** Options of {@link buildSqliteAside}. */
export interface BuildAsideOptions {
  /** The database file to replace or create. */
  path: string;
  /** The site's table prefix. */
  prefix: string;
  /** Refuse (before writing anything) when the old file has rows in these tables (unprefixed names). */
  requireEmpty?: readonly string[];
  /** Writes the new site into the new file, whose schema is already created. */
  fill: (site: SqliteSiteDatabase) => Promise<void>;
}

function buildPrefix(path: string): string {
  return `${basename(path)}.tmp-`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeWithCompanions(path: string): void {
  for (const suffix of COMPANION_SUFFIXES) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Deletes the new files that builds of `path` left behind when their process was killed (`<db>.tmp-<pid>` whose
 * process is gone), with SQLite's companion files.
 * @returns The names removed.
 */
export function removeAbandonedBuilds(path: string): string[] {
  const folder = dirname(resolve(path));
  const prefix = buildPrefix(path);
  if (!existsSync(folder)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    const pid = /^(\d+)$/.exec(name.slice(prefix.length))?.[1];
    if (!name.startsWith(prefix) || pid === undefined || processIsAlive(Number(pid))) continue;
    removeWithCompanions(join(folder, name));
    removed.push(name);
  }
  return removed;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function otherProcessMessage(path: string): string {
  return `Another process has ${path} open (its ${basename(path)}-wal is in use): stop it before --seed or --import.`;
}

/**
 * Reads from the old file what the new one keeps (options; user meta other than roles, as a reseed always did) and
 * checks `requireEmpty`. The old file is attached, only read, and detached: as its last connection, SQLite then
 * folds its write-ahead log into it and deletes the log, so no old log can later be paired with the new file.
 */
function carryOver(
  sqlite: Database.Database,
  oldPath: string,
  prefix: string,
  requireEmpty: readonly string[],
) {
  sqlite.prepare('attach database ? as old').run(oldPath);
  try {
    const hasTable = (table: string): boolean =>
      sqlite
        .prepare("select 1 from old.sqlite_master where type = 'table' and name = ?")
        .get(`${prefix}${table}`) !== undefined;
    const filled = requireEmpty.filter(
      (table) =>
        hasTable(table) &&
        sqlite.prepare(`select exists (select 1 from old."${prefix}${table}") as filled`).pluck().get() === 1,
    );
    if (filled.length > 0) {
      throw new Error(
        `--import needs an empty database, and ${filled.map((table) => prefix + table).join(', ')} in ${oldPath} ` +
          'hold rows: pass a new file with --db (or delete the old one).',
      );
    }
    sqlite.transaction(() => {
      if (hasTable('options')) {
        sqlite.exec(
          `insert into main."${prefix}options" (option_name, option_value, autoload)
           select option_name, option_value, autoload from old."${prefix}options"`,
        );
      }
      if (hasTable('usermeta')) {
        sqlite
          .prepare(
            `insert into main."${prefix}usermeta" (user_id, meta_key, meta_value)
             select user_id, meta_key, meta_value from old."${prefix}usermeta" where meta_key <> ?`,
          )
          .run(`${prefix}capabilities`);
      }
    })();
  } finally {
    sqlite.exec('detach database old');
  }
  if (existsSync(`${oldPath}-wal`)) throw new Error(otherProcessMessage(oldPath));
}

/**
 * Builds a new site in a new file beside `path` and renames it into place: the old file, if any, is unchanged
 * until the rename, and nothing is left at `path` when the build fails.
 */
export async function buildSqliteAside(options: BuildAsideOptions): Promise<void> {
  const target = resolve(options.path);
  const temp = `${join(dirname(target), buildPrefix(target))}${process.pid}`;
  const hadOld = existsSync(target);
  removeWithCompanions(temp);
  // A log without its database file (deleted by hand) would be replayed into the new file under the same name.
  if (!hadOld) for (const suffix of COMPANION_SUFFIXES) rmSync(`${target}${suffix}`, { force: true });
  const site = openDatabase({ path: temp, prefix: options.prefix });
  try {
    await createSchema(site);
    if (hadOld) carryOver(site.sqlite, target, options.prefix, options.requireEmpty ?? []);
    await options.fill(site);
    // Fresh statistics after bulk writes, so SQLite picks the right index for each report query.
    site.sqlite.exec('ANALYZE');
    // Leaving WAL mode folds the log into the file, so the file alone is the whole site when it is renamed.
    site.sqlite.pragma('journal_mode = DELETE');
    await site.close();
    fsyncPath(temp);
    if (hadOld && existsSync(`${target}-wal`)) throw new Error(otherProcessMessage(target));
    renameSync(temp, target);
    fsyncPath(dirname(target));
  } catch (error) {
    await site.close();
    removeWithCompanions(temp);
    throw error;
  }
}

/**
 * What a MySQL/MariaDB build puts after the site's prefix: `brnew_` for the tables being filled, `brold_` for the
 * empty tables they replace. With a prefix of at most 32 characters and the longest table name
 * (`fcal_booking_activity`), a name stays within MySQL's 64 characters.
 */
const STAGING = { new: 'brnew_', old: 'brold_' } as const;

/**
 * The table comment of a build's new tables: it names the table they are built for, so the next build drops a
 * `<prefix>brnew_…` table only when it is one of its own (another site may use `<prefix>brnew_` as its prefix). The
 * tables keep it once in place.
 */
function buildComment(prefix: string, name: KnownTableName): string {
  return `booking-reports build of ${prefix}${name}`;
}

/** Options of {@link buildMysqlAside}. */
export interface BuildMysqlOptions {
  /** Says what the build dropped or kept. */
  say: (line: string) => void;
  /**
   * Writes the new site; its `db` is a transaction in which every table that is missing or empty at the target is
   * its staging table, and any other (WordPress's own `usermeta` or `options` holding rows) the site's table.
   */
  fill: (site: MysqlSiteDatabase) => Promise<void>;
}

/** A killed build's tables (full names): those to drop, and swapped-out ones kept because they hold rows. */
interface Leftovers {
  drop: string[];
  keep: string[];
}

/** Whether a table (full name) holds a row. */
async function hasRows(db: Kysely<ReportsDatabase>, table: string): Promise<boolean> {
  const row = await sql<{ filled: number }>`select exists (select 1 from ${sql.id(table)}) as filled`.execute(
    db,
  );
  return Number(row.rows[0]?.filled) === 1;
}

/**
 * The tables a killed build left: `<prefix>brnew_…` tables it made (their comment says so), and the empty
 * `<prefix>brold_…` tables a build swapped out before it was killed (the table in place is one it built).
 */
async function findLeftovers(site: MysqlSiteDatabase): Promise<Leftovers> {
  const names = [...TABLE_NAMES, ...ROLLUP_TABLE_NAMES].flatMap((name) => [
    `${site.prefix}${name}`,
    `${site.prefix}${STAGING.new}${name}`,
    `${site.prefix}${STAGING.old}${name}`,
  ]);
  const rows = await sql<{ name: string; comment: string | null }>`
    select table_name as name, table_comment as comment from information_schema.tables
    where table_schema = database() and table_name in (${sql.join(names)})`.execute(site.db);
  const comments = new Map(rows.rows.map((row) => [row.name, row.comment ?? '']));
  const leftovers: Leftovers = { drop: [], keep: [] };
  for (const name of [...TABLE_NAMES, ...ROLLUP_TABLE_NAMES]) {
    const built = `${site.prefix}${STAGING.new}${name}`;
    if (comments.get(built) === buildComment(site.prefix, name)) leftovers.drop.push(built);
    const old = `${site.prefix}${STAGING.old}${name}`;
    if (!comments.has(old) || comments.get(`${site.prefix}${name}`) !== buildComment(site.prefix, name))
      continue;
    // Rollups are made from the bookings: never worth keeping.
    const derived = (ROLLUP_TABLE_NAMES as readonly string[]).includes(name);
    if (!derived && (await hasRows(site.db, old))) leftovers.keep.push(old);
    else leftovers.drop.push(old);
  }
  return leftovers;
}

/**
 * Says which tables a killed build left, for a server that only reads the site and so drops nothing.
 * @returns The names found.
 */
export async function reportAbandonedMysqlBuild(
  site: MysqlSiteDatabase,
  say: (line: string) => void,
): Promise<string[]> {
  let found: string[];
  try {
    const { drop, keep } = await findLeftovers(site);
    found = [...drop, ...keep];
  } catch (error) {
    say(`Could not look for tables a killed build left: ${(error as Error).message}`);
    return [];
  }
  if (found.length > 0) {
    say(
      `${found.join(', ')}: left by a build that was killed, and not dropped (this server only reads the site); ` +
        'drop them with DROP TABLE.',
    );
  }
  return found;
}

/**
 * Drops the tables a killed build left (see {@link findLeftovers}), saying so; a swapped-out table that holds rows
 * (written while the build ran) is kept and named. A user who may not drop them is told so, and the build goes on.
 */
export async function dropAbandonedMysqlBuild(
  site: MysqlSiteDatabase,
  say: (line: string) => void,
): Promise<void> {
  const { drop, keep } = await findLeftovers(site);
  for (const name of keep) say(`Kept ${name}, left by a build that was killed: it holds rows.`);
  for (const name of drop) {
    try {
      await sql`drop table ${sql.id(name)}`.execute(site.db);
      say(`Dropped ${name}, left by a build that was killed.`);
    } catch (error) {
      say(`Could not drop ${name}, left by a build that was killed: ${(error as Error).message}`);
    }
  }
}

/**
 * A lock per database and prefix, held while a build runs, so a second build neither drops the first one's staging
 * tables nor renames over them. The server frees it when the connection ends, a `kill -9` included.
 */
async function takeBuildLock(db: Kysely<ReportsDatabase>, site: MysqlSiteDatabase): Promise<string> {
  const digest = createHash('sha256').update(`${site.database}\0${site.prefix}`).digest('hex');
  const name = `booking-reports:${digest.slice(0, 40)}`;
  const row = await sql<{ got: number | null }>`select get_lock(${name}, 0) as got`.execute(db);
  if (Number(row.rows[0]?.got) !== 1) {
    throw new Error(
      `Another server is writing a new site into the ${site.prefix} tables of ${site.database}: let it finish.`,
    );
  }
  return name;
}

/** The rollup tables (`rollups.ts`) the site has under its own names. */
async function existingRollupTables(site: MysqlSiteDatabase): Promise<KnownTableName[]> {
  const names = new Map<string, KnownTableName>(
    ROLLUP_TABLE_NAMES.map((name) => [`${site.prefix}${name}`, name]),
  );
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = database() and table_name in (${sql.join([...names.keys()])})`.execute(site.db);
  return rows.flatMap((row) => names.get(row.name) ?? []);
}

/**
 * Makes the rollups of the filled staging bookings table (`rollups.ts`), their triggers naming the rollup tables
 * as they will be named once in place; the tables made are added to `made`. Without the privileges triggers need,
 * the build goes on without them (the reports then count by index searches, with the same numbers), saying so.
 * @returns The rollup tables made, to rename into place.
 */
async function stageRollups(
  site: MysqlSiteDatabase,
  made: string[],
  say: (line: string) => void,
): Promise<KnownTableName[]> {
  const names: MysqlRollupNames = {
    now: (name) => `${site.prefix}${STAGING.new}${name}`,
    prefix: site.prefix,
    comment: (name) => buildComment(site.prefix, name),
  };
  try {
    await createMysqlRollups(site.db, names);
  } catch (error) {
    say(
      `Serving without rollups (the reports count the bookings by index searches instead, with the same numbers): ` +
        `${(error as Error).message}`,
    );
    return [];
  }
  made.push(...ROLLUP_TABLE_NAMES.map((name) => names.now(name)));
  return [...ROLLUP_TABLE_NAMES];
}

/**
 * Builds a new site under the staging prefix and renames it into place in one `RENAME TABLE`: the tables at the
 * target (missing, or empty) are unchanged until then, and nothing is left under the site's names when the build
 * fails. The caller checks beforehand that the target's plugin tables and users are missing or empty.
 */
export async function buildMysqlAside(site: MysqlSiteDatabase, options: BuildMysqlOptions): Promise<void> {
  await site.db.connection().execute(async (db) => {
    const lock = await takeBuildLock(db, site);
    try {
      const locked: MysqlSiteDatabase = { ...site, db, reads: db };
      await dropAbandonedMysqlBuild(locked, options.say);
      const existing = await existingTables(locked);
      const staged: TableName[] = [];
      for (const name of TABLE_NAMES) {
        if (!existing.has(name) || !(await hasRows(db, `${site.prefix}${name}`))) staged.push(name);
      }
      const stagedName = (name: TableName): string => `${site.prefix}${STAGING.new}${name}`;
      const building = db
        .withoutPlugins()
        .withPlugin(
          new TableNamePlugin((name) =>
            (staged as readonly string[]).includes(name)
              ? `${site.prefix}${STAGING.new}${name}`
              : `${site.prefix}${name}`,
          ),
        );
      const swapped = staged.filter((name) => existing.has(name));
      // An emptied site's rollups go with its bookings table, whose triggers kept them.
      const oldRollups = await existingRollupTables(locked);
      // Only the tables this build made are dropped on a failure: a staging name may be another site's table.
      const made: string[] = [];
      try {
        for (const name of staged) {
          await createMysqlTable({ ...locked, db: building }, name, buildComment(site.prefix, name));
          made.push(stagedName(name));
        }
        await building.transaction().execute((trx) => options.fill({ ...locked, db: trx, reads: trx }));
        const rollups = await stageRollups(locked, made, options.say);
        const renames = [
          ...[...swapped, ...oldRollups].map((name) => [
            `${site.prefix}${name}`,
            `${site.prefix}${STAGING.old}${name}`,
          ]),
          ...[...staged, ...rollups].map((name) => [
            `${site.prefix}${STAGING.new}${name}`,
            `${site.prefix}${name}`,
          ]),
        ].map(([from = '', to = '']) => sql`${sql.id(from)} to ${sql.id(to)}`);
        await sql`rename table ${sql.join(renames)}`.execute(db);
      } catch (error) {
        try {
          const tables = made.map((name) => sql.id(name));
          if (tables.length > 0) await sql`drop table if exists ${sql.join(tables)}`.execute(db);
        } catch (dropError) {
          options.say(`Could not drop the tables this build made: ${(dropError as Error).message}`);
        }
        throw error;
      }
      for (const name of oldRollups)
        await sql`drop table ${sql.id(`${site.prefix}${STAGING.old}${name}`)}`.execute(db);
      if (swapped.includes('fcal_bookings')) {
        await dropMysqlRollupTriggers(db, `${site.prefix}${STAGING.old}fcal_bookings`, site.prefix);
      }
      // The swapped-out tables were empty when the build began; one written to meanwhile is kept.
      for (const name of swapped) {
        const old = `${site.prefix}${STAGING.old}${name}`;
        if (await hasRows(db, old))
          options.say(`Kept ${old}: rows were written to ${site.prefix}${name} meanwhile.`);
        else await sql`drop table ${sql.id(old)}`.execute(db);
      }
    } finally {
      await sql`select release_lock(${lock})`.execute(db);
    }
  });
}
