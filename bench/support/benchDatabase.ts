import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embeddedDatabase.ts';
import { findFreePort } from '../../src/db/freePort.ts';

/** The one database server of a bench run, and the databases the bench made on it. */
export interface BenchDatabase {
  /** Server URI without a database name, always ending in `/` (query options kept). */
  serverUri: string;
  /** What runs the server: `external (MONGODB_URI)` or the embedded provider. */
  description: string;
  /** Pid of the embedded server; `undefined` for an external one. */
  pid: number | undefined;
  /** FerretDB's Prometheus metrics (`http://127.0.0.1:PORT/debug/metrics`) when asked for and the server is an embedded FerretDB. */
  metricsUrl: string | undefined;
  /** A connected client, shared by every phase. */
  client: MongoClient;
  /** A fresh database name with the given prefix, recorded for {@link BenchDatabase.close}. */
  newDatabaseName(prefix: string): string;
  /** The named database through the shared client. */
  db(name: string): Db;
  /** Drops the databases handed out, closes the client, stops an embedded server. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link openBenchDatabase}. */
export interface OpenBenchDatabaseOptions {
  /** Serve an embedded FerretDB's debug metrics (see {@link BenchDatabase.metricsUrl}). Default: false. */
  debugMetrics?: boolean;
}

/**
 * Connects to `MONGODB_URI` when set, otherwise starts an embedded server (see
 * `startEmbeddedDatabase`). Only 127.0.0.1 is accepted: the bench talks to nothing else.
 */
export async function openBenchDatabase(options: OpenBenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const external = process.env.MONGODB_URI;
  let embedded: EmbeddedDatabase | undefined;
  let serverUri: string;
  let description: string;
  let debugPort: number | undefined;
  if (external !== undefined && external !== '') {
    serverUri = withoutDatabase(external);
    if (!/^mongodb:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)(:\d+)?\//.test(serverUri)) {
      throw new Error('MONGODB_URI must point at 127.0.0.1 (single host): the bench talks only to this machine');
    }
    description = 'external (MONGODB_URI)';
  } else {
    debugPort = options.debugMetrics === true ? await findFreePort() : undefined;
    embedded = await startEmbeddedDatabase(debugPort === undefined ? {} : { debugPort });
    serverUri = embedded.uri;
    description = `embedded ${embedded.provider} (pid ${embedded.pid})`;
  }
  const client = await MongoClient.connect(serverUri);
  const names: string[] = [];
  let closing: Promise<void> | undefined;
  return {
    serverUri,
    description,
    pid: embedded?.pid,
    metricsUrl: debugPort !== undefined && embedded?.provider === 'ferretdb' ? `http://127.0.0.1:${debugPort}/debug/metrics` : undefined,
    client,
    newDatabaseName(prefix) {
      const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      names.push(name);
      return name;
    },
    db: (name) => client.db(name),
    close: () =>
      (closing ??= (async () => {
        try {
          if (embedded === undefined) {
            for (const name of names) await client.db(name).dropDatabase().catch(() => undefined);
          }
          await client.close();
        } finally {
          await embedded?.stop();
        }
      })()),
  };
}

/** `mongodb://host:port/db?opts` → `mongodb://host:port/?opts`. */
function withoutDatabase(uri: string): string {
  const queryStart = uri.indexOf('?');
  const base = queryStart === -1 ? uri : uri.slice(0, queryStart);
  const query = queryStart === -1 ? '' : uri.slice(queryStart);
  const pathStart = base.indexOf('/', base.indexOf('://') + 3);
  const authority = pathStart === -1 ? base : base.slice(0, pathStart);
  return `${authority}/${query}`;
}
