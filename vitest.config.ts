import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships CommonJS (`main`) and ESM (`module`); Node loads `main` for dependencies, Vite would pick
  // `module` for our code: two graphql realms. Pin Node's choice for in-process API tests.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Tests start real processes on a 2-core machine: generous limits catch hangs without failing slow runs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files start real processes and a shared FerretDB; one file at a time keeps a 2-core machine from timing them out.
    fileParallelism: false,
    reporters: ['default'],
  },
});
