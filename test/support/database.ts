import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { inject } from 'vitest';

/** The run's server URI (no database name), from `globalSetup.ts`. */
export function testMongoUri(): string {
  return inject('mongoUri');
}

/**
 * A fresh database name: `<prefix>_<time>_<random>`, letters, digits and
 * underscores only, at most 63 characters (FerretDB's limit; MongoDB's is 64).
 * The prefix is cleaned and cut to 24 characters.
 */
export function uniqueDatabaseName(prefix: string): string {
  const clean = prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 24) || 'test';
  return `${clean}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * The run's server URI pointed at `dbName`, keeping hosts and query options
 * (works for multi-host and `mongodb+srv` URIs, which `URL` cannot parse).
 * When the original URI authenticates against its own database, that
 * database stays the `authSource`.
 */
export function testDatabaseUri(dbName: string): string {
  const server = testMongoUri();
  const queryStart = server.indexOf('?');
  const base = queryStart === -1 ? server : server.slice(0, queryStart);
  const params = new URLSearchParams(queryStart === -1 ? '' : server.slice(queryStart + 1));
  const pathStart = base.indexOf('/', base.indexOf('://') + 3);
  const authority = pathStart === -1 ? base : base.slice(0, pathStart);
  const originalDb = pathStart === -1 ? '' : base.slice(pathStart + 1);
  if (authority.includes('@') && originalDb !== '' && !params.has('authSource')) params.set('authSource', originalDb);
  const query = params.toString();
  return `${authority}/${dbName}${query === '' ? '' : `?${query}`}`;
}

/** A database owned by one test. */
export interface TestDatabase {
  /** Full URI including the database name. */
  uri: string;
  dbName: string;
  client: MongoClient;
  db: Db;
  /** Drops the database and closes the client. */
  drop(): Promise<void>;
}

/** Connects to a new uniquely named database on the run's server. */
export async function withTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const dbName = uniqueDatabaseName(prefix);
  const uri = testDatabaseUri(dbName);
  const client = await MongoClient.connect(uri);
  const db = client.db(dbName);
  return {
    uri,
    dbName,
    client,
    db,
    drop: async () => {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
