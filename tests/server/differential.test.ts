// @vitest-environment node
/** The differential property (`suites/differential.ts`) on SQLite; `tests/mariadb/` runs it on MariaDB. */
import { defineDifferentialTests } from './suites/differential';
import { SQLITE_DATABASES } from './support';

defineDifferentialTests(SQLITE_DATABASES, 250);
