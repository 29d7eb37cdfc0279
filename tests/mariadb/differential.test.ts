/**
 * The differential property of `tests/server/suites/differential.ts` on MariaDB: SQL bucketing by local days, weeks
 * and months across DST changes (bounds converted to UTC by the engine; MariaDB's timezone tables are not loaded),
 * byte-exact distinct guests under a case-insensitive collation, and every list, equal to the engine's answers; on
 * our own tables and on tables with only the booking plugin's indexes.
 */
import { defineDifferentialTests } from '../server/suites/differential';
import { mariadbDatabases } from './support';

defineDifferentialTests(mariadbDatabases(), 250);
// The booking plugin's own tables: no index on the times, so every count takes its one-pass plan.
defineDifferentialTests(mariadbDatabases(undefined, {}, 'plugin'), 250);
