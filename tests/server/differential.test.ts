// @vitest-environment node
/** The differential property (`suites/differential.ts`) on SQLite; `tests/mariadb/` runs it on MariaDB. */
import { defineDifferentialTests } from './suites/differential';
import {
  SQLITE_DATABASES,
  SQLITE_PLUGIN_DATABASES,
  SQLITE_READER_DATABASES,
  SQLITE_SEARCH_DATABASES,
} from './support';

// Our own tables, with the rollups the triggers keep as each dataset's rows go in.
defineDifferentialTests(SQLITE_DATABASES, 250);
// Our own indexes without rollups (a database made before them): every overview count by index searches.
defineDifferentialTests(SQLITE_SEARCH_DATABASES, 150);
// As the command line serves: the reads on worker threads, each dataset committed by the main connection.
defineDifferentialTests(SQLITE_READER_DATABASES, 100);
// The booking plugin's own tables: no index on the times, so every count takes its one-pass plan.
defineDifferentialTests(SQLITE_PLUGIN_DATABASES, 250);
