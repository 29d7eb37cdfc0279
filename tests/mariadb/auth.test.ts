/** The auth suite of `tests/server/suites/auth.ts`, on MariaDB through a read-only user. */
import { defineAuthTests } from '../server/suites/auth';
import { mariadbDatabases } from './support';

defineAuthTests(mariadbDatabases());
