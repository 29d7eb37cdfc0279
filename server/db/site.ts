/**
 * Site-level reads and writes outside the reports: users with their roles, and the nonce secret in `options`.
 */
import { randomBytes } from 'node:crypto';
import type { UserRow } from '../../src/data/schema';
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
  const read = async (): Promise<string | undefined> =>
    (
      await site.db
        .selectFrom('options')
        .select('option_value')
        .where('option_name', '=', NONCE_SECRET_OPTION)
        .executeTakeFirst()
    )?.option_value;
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

/** Every user who can see the reports (has a role), by id. */
export async function listUsers(site: SiteDatabase): Promise<UserRow[]> {
  const rows = await selectUsersWithCapabilities(site).orderBy('users.ID').execute();
  return rows.flatMap((row) => withRole(row) ?? []);
}

/** One user with a role, or `undefined` when there is no such user or they have no role. */
export async function findUser(site: SiteDatabase, userId: number): Promise<UserRow | undefined> {
  const row = await selectUsersWithCapabilities(site).where('users.ID', '=', userId).executeTakeFirst();
  return row && withRole(row);
}
