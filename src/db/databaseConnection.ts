import { MongoClient, type Db } from 'mongodb';

/** An open connection to longhaul's database. */
export interface DatabaseConnection {
  client: MongoClient;
  db: Db;
  /** True when the server is FerretDB rather than MongoDB (some waits work differently there). */
  ferretdb: boolean;
  /**
   * True when a tailable `awaitData` getMore waits on the server for an insert and reads only new records
   * (MongoDB, or FerretDB built with longhaul's patch, whose `buildInfo` says `longhaulTailWakeup`); unset: MongoDB only.
   */
  tailWakeup?: boolean;
  close(): Promise<void>;
}

/**
 * Connects to `uri` and selects the database named in the URI's path, else `dbName`.
 * Fails fast (10 s server selection) with the driver's error when nothing answers.
 */
export async function connectDatabase(uri: string, dbName: string): Promise<DatabaseConnection> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, ignoreUndefined: true });
  await client.connect();
  const pathDb = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.replace(/^\//, '');
  const db = client.db(pathDb === '' ? dbName : decodeURIComponent(pathDb));
  const info = await db.admin().command({ buildInfo: 1 });
  const ferretdb = 'ferretdbVersion' in info || 'ferretdb' in info;
  return {
    client,
    db,
    ferretdb,
    tailWakeup: !ferretdb || info.longhaulTailWakeup === true,
    close: () => client.close(),
  };
}
