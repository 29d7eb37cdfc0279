// @vitest-environment node
/** The auth suite (`suites/auth.ts`) on SQLite; `tests/mariadb/` runs the same suite on MariaDB. */
import { defineAuthTests } from './suites/auth';
import { SQLITE_DATABASES } from './support';

defineAuthTests(SQLITE_DATABASES);
