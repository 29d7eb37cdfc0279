/**
 * The end-to-end suite (`npm run test:e2e`): the built dashboard in Debian's Chromium, one file at a time, since
 * each file starts its own browser and servers.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Conditions, not sleeps: a busy CI machine may take seconds to render, so polls wait long before failing.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
