import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Opening PGlite in a beforeAll takes seconds, many more on a loaded 2-core CI machine.
    hookTimeout: 120_000,
    // PGlite and servers are heavy on 2 cores; forks keep native handles isolated.
    pool: 'forks',
    maxWorkers: 2,
  },
});
