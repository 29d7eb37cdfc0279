/** The fuzz suite of `tests/server/suites/fuzz.ts`, on MariaDB through a read-only user. */
import { defineFuzzTests } from '../server/suites/fuzz';
import { mariadbDatabases } from './support';

defineFuzzTests(mariadbDatabases());
