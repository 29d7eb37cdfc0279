import { defineConfig } from 'vitest/config';

/**
 * The WordPress suite (`npm run test:wordpress`): the plugin's zip installed through wp-admin on a real WordPress
 * (PHP's built-in server, a private MariaDB, the booking plugin's test stand-in), driven in Debian's Chromium. One
 * site for the run (`tests/wordpress/globalSetup.ts`), so the files run one after the other.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/wordpress/**/*.wp.ts'],
    globalSetup: ['tests/wordpress/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // Stopping PHP's workers and MariaDB and deleting the site takes a few seconds; vitest's default is 10 s.
    teardownTimeout: 60_000,
    // Conditions, not sleeps: a busy machine may take seconds to render, so polls wait long before failing.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
