// @vitest-environment node
/** The endpoint suite (`suites/endpoints.ts`) on SQLite; `tests/mariadb/` runs the same suite on MariaDB. */
import { defineEndpointTests } from './suites/endpoints';
import { SQLITE_DATABASES, SQLITE_READER_DATABASES } from './support';

defineEndpointTests(SQLITE_DATABASES);
// The reads on worker threads; then as the command line serves, with the answers kept.
defineEndpointTests(SQLITE_READER_DATABASES);
defineEndpointTests({
  ...SQLITE_READER_DATABASES,
  label: ' (SQLite, reads on worker threads, response cache)',
  responseCache: true,
});
