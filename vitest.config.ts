import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files start real processes and a shared FerretDB; one file at a time keeps a 2-core machine from timing them out.
    fileParallelism: false,
    reporters: ['default'],
  },
});
