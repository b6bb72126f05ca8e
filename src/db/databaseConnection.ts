import { writeFileSync } from 'node:fs';
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
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, ignoreUndefined: true, monitorCommands: (process.env.LONGHAUL_COMMAND_COUNTS_FILE ?? '') !== '' });
  await client.connect();
  const countsFile = process.env.LONGHAUL_COMMAND_COUNTS_FILE;
  if (countsFile !== undefined && countsFile !== '') countCommands(client, `${countsFile}.${process.pid}`);
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

/**
 * Benchmarks only (`LONGHAUL_COMMAND_COUNTS_FILE`): counts the commands this client sends, by command and collection,
 * and writes the counts as JSON to `file` every second (`bench/claimScale.ts` reads them as commands per job).
 */
function countCommands(client: MongoClient, file: string): void {
  const counts: Record<string, number> = {};
  client.on('commandStarted', (event) => {
    const key = `${event.commandName} ${String(event.command[event.commandName])}`;
    counts[key] = (counts[key] ?? 0) + 1;
  });
  setInterval(() => writeFileSync(file, JSON.stringify(counts)), 1000).unref();
}
