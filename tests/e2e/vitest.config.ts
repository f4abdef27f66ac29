import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

// The repository root, so the include pattern means the same from any working directory.
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  test: {
    root,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // One server and one browser at a time: the machine has few cores and PGlite is slow to
    // start, so parallel files would only fight each other.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
