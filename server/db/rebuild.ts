/**
 * Writing a whole SQLite site aside: `--seed`, `--import` and the first demo site build a new file next to the
 * target, fill it, and rename it into place, so the file at the target is always a whole site.
 *
 * The new file is `<db>.tmp-<pid>` in the target's folder (a rename is atomic only within one file system). Until
 * the rename, the old file is only read (its options and its non-role user meta are carried over, so the nonce
 * secret and with it every login survive a reseed); a failure deletes the new file, and a `kill -9` leaves it behind
 * for the next start to delete ({@link removeAbandonedBuilds}), never in place of the old one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from './connection';
import type { SqliteSiteDatabase } from './connection';
import { createSchema } from './schema';

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
