import { defineConfig } from 'vitest/config';

// `npm test`: everything that needs no browser. Browser tests: tests/e2e/vitest.config.ts.
export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'seeds/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      // The web's logic (no DOM): rules, form checks, merging, grouping, words.
      'web/src/**/*.test.ts',
    ],
    globalSetup: ['server/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
