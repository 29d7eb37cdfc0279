// @vitest-environment node
/** The endpoint suite (`suites/endpoints.ts`) on SQLite; `tests/mariadb/` runs the same suite on MariaDB. */
import { defineEndpointTests } from './suites/endpoints';
import { SQLITE_DATABASES, SQLITE_READER_DATABASES } from './support';

defineEndpointTests(SQLITE_DATABASES);
// As the command line serves: the reads on worker threads.
defineEndpointTests(SQLITE_READER_DATABASES);
