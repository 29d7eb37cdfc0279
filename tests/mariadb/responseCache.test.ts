/**
 * The response cache suite of `tests/server/suites/responseCache.ts` on MariaDB: the server reads through the
 * read-only account, another connection (the owner's, as WordPress would) writes.
 */
import { inject } from 'vitest';
import type { SiteDatabase } from '../../server/db/connection';
import { dataVersionOf } from '../../server/reports/cache';
import { defineResponseCacheTests } from '../server/suites/responseCache';
import { delay } from './mariadb';
import { createDatabase, dropDatabase, fillDatabase, openSite } from './support';

/**
 * Waits (up to 5 s) until InnoDB's background work after the fill (purge, statistics) stops moving the log, so the
 * suite's query counts are asserted more often than skipped.
 */
async function settle(site: SiteDatabase): Promise<void> {
  const version = dataVersionOf(site);
  let last = await version();
  for (let attempt = 0; attempt < 25; attempt += 1) {
    await delay(200);
    const now = await version();
    if (now === last) return;
    last = now;
  }
}

defineResponseCacheTests({
  label: ' (MariaDB)',
  async create(data, onQuery) {
    const info = inject('mariadb');
    const name = await createDatabase(info);
    await fillDatabase(info, name, data);
    const site = openSite(info, 'reader', name, { onQuery });
    const owner = openSite(info, 'owner', name);
    await settle(site);
    return {
      site,
      writers: { 'another connection': owner.db },
      ownTransactions: false,
      // InnoDB's log moves with any write on the server, its own background work included.
      versionMovesOnItsOwn: true,
      async cleanUp() {
        await owner.close();
        await dropDatabase(info, name);
      },
    };
  },
});
