// @vitest-environment node
/** The endpoint suite (`suites/endpoints.ts`) on SQLite; `tests/mariadb/` runs the same suite on MariaDB. */
import { defineEndpointTests } from './suites/endpoints';
import { SQLITE_DATABASES } from './support';

defineEndpointTests(SQLITE_DATABASES);
