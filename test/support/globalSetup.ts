import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/db/embeddedDatabase.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URI without a database name; see `test/support/database.ts`. */
    mongoUri: string;
  }
}

/**
 * Provides one MongoDB-wire server to the whole run: `MONGODB_URI` when set,
 * otherwise an embedded database in a temp folder, stopped at teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MONGODB_URI;
  if (external !== undefined && external !== '') {
    project.provide('mongoUri', external);
    return async () => undefined;
  }
  const started = Date.now();
  const database = await startEmbeddedDatabase();
  process.stderr.write(`test database: ${database.provider} at ${database.uri} (pid ${database.pid}, ready in ${Date.now() - started} ms)\n`);
  project.provide('mongoUri', database.uri);
  return () => database.stop();
}
