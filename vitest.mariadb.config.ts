import { defineConfig } from 'vitest/config';

/**
 * The backend suites on MariaDB (`npm run test:mariadb`): one private server for the run (`tests/mariadb/`), the
 * files one after the other because they share it and one of them stops it mid-test.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/mariadb/**/*.test.ts'],
    globalSetup: ['tests/mariadb/globalSetup.ts'],
    fileParallelism: false,
    hookTimeout: 120_000,
    testTimeout: 120_000,
    restoreMocks: true,
  },
});
