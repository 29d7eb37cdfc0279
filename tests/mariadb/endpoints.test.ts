/** The endpoint suite of `tests/server/suites/endpoints.ts`, on MariaDB through a read-only user. */
import { defineEndpointTests } from '../server/suites/endpoints';
import { mariadbDatabases } from './support';

defineEndpointTests(mariadbDatabases());
