import { DatabaseErrorCode } from './databaseErrorCode.ts';

/**
 * No embedded database could be started: no `mongod` on PATH, no FerretDB
 * binary (and it could not be built), no `mongodb-memory-server` package.
 * Permanent until the environment changes; the message says how to fix it.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = DatabaseErrorCode.Unavailable;

  /** @param reasons why each provider was unusable, one line each */
  constructor(
    readonly reasons: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      'No MongoDB-compatible database available. Set MONGODB_URI=mongodb://host:port/ to use an existing server, ' +
        'or put mongod on PATH, or install Go >= 1.24 so FerretDB can be built (or point LONGHAUL_FERRETDB_BIN at a ' +
        `FerretDB v1.24.2 binary).\n${reasons.map((reason) => `  - ${reason}`).join('\n')}`,
      options,
    );
    this.name = 'DatabaseUnavailableError';
  }
}
