/**
 * Site-level reads and writes outside the reports: users with their roles, and the nonce secret in `options`.
 */
import { randomBytes } from 'node:crypto';
import type { UserRow } from '../../src/data/schema';
import type { WordPressUser } from '../wordpressAuth';
import type { SiteDatabase } from './connection';
import { roleFromCapabilities } from './write';

const NONCE_SECRET_OPTION = 'br_nonce_secret';

/**
 * The secret every cookie and nonce is signed with, kept in `${prefix}options` so every instance on the same
 * database agrees on it: read when stored, otherwise generated and stored (when `create` allows).
 * @param options.create Whether the secret may be generated and stored. A server that must not write to the
 *   database (an existing WordPress site) passes `false` and needs the secret from its configuration instead.
 * @default options.create true
 * @throws Error when there is no stored secret and none may be created.
 */
export async function loadNonceSecret(
  site: SiteDatabase,
  { create = true }: { create?: boolean } = {},
): Promise<string> {
  const read = (): Promise<string | undefined> => readOption(site, NONCE_SECRET_OPTION);
  let stored: string | undefined;
  try {
    stored = await read();
  } catch (error) {
    if (create) throw error;
  }
  if (stored !== undefined) return stored;
  if (!create) {
    throw new Error(
      'This database is only read, so no secret can be stored in it: pass --secret <text> (or BR_NONCE_SECRET), ' +
        'the same on every instance, to sign login cookies and nonces.',
    );
  }
  await site.db
    .insertInto('options')
    .values({
      option_name: NONCE_SECRET_OPTION,
      option_value: randomBytes(32).toString('hex'),
      autoload: 'no',
    })
    // Two instances starting at once both try; the first one wins and both read its value.
    .orIgnore()
    .execute();
  const secret = await read();
  if (secret === undefined) throw new Error('The nonce secret could not be stored.');
  return secret;
}

/** The users joined with their capabilities (`${prefix}capabilities` in `usermeta`, where WordPress keeps roles). */
function selectUsersWithCapabilities(site: SiteDatabase) {
  return site.db
    .selectFrom('users')
    .innerJoin('usermeta', (join) =>
      join
        .onRef('usermeta.user_id', '=', 'users.ID')
        .on('usermeta.meta_key', '=', `${site.prefix}capabilities`),
    )
    .select(['users.ID', 'users.display_name', 'users.user_email', 'usermeta.meta_value']);
}

/** A joined user as the reports see them, or `undefined` when their capabilities hold no role. */
function withRole(row: Omit<UserRow, 'role'> & { meta_value: string }): UserRow | undefined {
  const role = roleFromCapabilities(row.meta_value);
  return role ? { ID: row.ID, display_name: row.display_name, user_email: row.user_email, role } : undefined;
}

/**
 * Who may read the reports: administrators (all bookings), and users who host a calendar (their own bookings). A
 * WordPress subscriber, customer or editor without a calendar has a role but is no viewer.
 */
function mayView(user: UserRow | undefined, calendarOwners: ReadonlySet<number>): user is UserRow {
  return user !== undefined && (user.role === 'administrator' || calendarOwners.has(user.ID));
}

/** The ids of the users who own a calendar, of all or of one user. */
async function calendarOwners(site: SiteDatabase, userId?: number): Promise<Set<number>> {
  let query = site.db.selectFrom('fcal_calendars').select('user_id').distinct();
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  return new Set((await query.execute()).map((row) => Number(row.user_id)));
}

/** Every user who can see the reports, by id. */
export async function listUsers(site: SiteDatabase): Promise<UserRow[]> {
  const rows = await selectUsersWithCapabilities(site).orderBy('users.ID').execute();
  const owners = await calendarOwners(site);
  return rows.flatMap((row) => {
    const user = withRole(row);
    return mayView(user, owners) ? [user] : [];
  });
}

/** One user who can see the reports, or `undefined` when there is no such user or they may not. */
export async function findUser(site: SiteDatabase, userId: number): Promise<UserRow | undefined> {
  const row = await selectUsersWithCapabilities(site).where('users.ID', '=', userId).executeTakeFirst();
  const user = row && withRole(row);
  if (!user) return undefined;
  return mayView(user, user.role === 'administrator' ? new Set() : await calendarOwners(site, user.ID))
    ? user
    : undefined;
}

/** What `--auth wordpress` needs of a user, by login name: id, password hash and `session_tokens`. */
export async function findWordPressUser(
  site: SiteDatabase,
  login: string,
): Promise<WordPressUser | undefined> {
  const user = await site.db
    .selectFrom('users')
    .select(['ID', 'user_pass'])
    .where('user_login', '=', login)
    .executeTakeFirst();
  if (!user) return undefined;
  const meta = await site.db
    .selectFrom('usermeta')
    .select('meta_value')
    .where('user_id', '=', user.ID)
    .where('meta_key', '=', 'session_tokens')
    .executeTakeFirst();
  return { ID: Number(user.ID), passwordHash: user.user_pass ?? '', sessionTokens: meta?.meta_value };
}

/**
 * Whether the database is a WordPress site's own (WordPress's install wrote its `siteurl`), not one this backend
 * filled. It decides the default login, so a table that cannot be read is an error, never a guess.
 * @throws Error when the options table cannot be read.
 */
export async function isWordPressSite(site: SiteDatabase): Promise<boolean> {
  try {
    return (await readOption(site, 'siteurl')) !== undefined;
  } catch (error) {
    throw new Error(
      `Cannot read ${site.prefix}options (${(error as Error).message}), which tells a WordPress site from the ` +
        'demo: grant SELECT on it, or choose the login with --auth wordpress (or --auth demo).',
      { cause: error },
    );
  }
}

/** A site option's value, `undefined` when it is not set (or the table cannot be read). */
export async function readOption(site: SiteDatabase, name: string): Promise<string | undefined> {
  const row = await site.db
    .selectFrom('options')
    .select('option_value')
    .where('option_name', '=', name)
    .executeTakeFirst();
  return row?.option_value;
}
