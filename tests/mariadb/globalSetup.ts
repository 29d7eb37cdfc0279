/**
 * One private MariaDB for the whole MariaDB suite: started before the first file, stopped and deleted after the
 * last. The test files read where it listens with `inject('mariadb')`.
 */
import type { TestProject } from 'vitest/node';
import { startMariadb } from './mariadb';
import type { MariadbInfo } from './mariadb';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The suite's MariaDB server. */
    mariadb: MariadbInfo;
  }
}

/** Starts the server and provides its URLs; the returned teardown stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startMariadb();
  project.provide('mariadb', server.info);
  return () => server.destroy();
}
