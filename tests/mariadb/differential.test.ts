/**
 * The differential property of `tests/server/suites/differential.ts` on MariaDB: SQL bucketing by local days, weeks
 * and months across DST changes (bounds converted to UTC by the engine; MariaDB's timezone tables are not loaded),
 * byte-exact distinct guests under a case-insensitive collation, and every list, equal to the engine's answers.
 */
import { defineDifferentialTests } from '../server/suites/differential';
import { mariadbDatabases } from './support';

defineDifferentialTests(mariadbDatabases(), 250);
