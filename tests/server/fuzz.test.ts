// @vitest-environment node
/** The fuzz suite (`suites/fuzz.ts`) on SQLite; `tests/mariadb/` runs the same suite on MariaDB. */
import { defineFuzzTests } from './suites/fuzz';
import { SQLITE_DATABASES } from './support';

defineFuzzTests(SQLITE_DATABASES);
