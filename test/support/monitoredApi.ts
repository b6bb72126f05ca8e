import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { startApiServer, type ApiServer } from '../../src/app/apiServer.ts';
import { openRuntime, type Runtime } from '../../src/app/runtime.ts';
import { testDatabaseUri } from './database.ts';
import { FAST_ENV } from './longhaulProcess.ts';

/** An API server in this process over a driver that records every command it sends. */
export interface MonitoredApi {
  api: ApiServer;
  runtime: Runtime;
  client: MongoClient;
  /** Every command the runtime and the API sent, in order (the bus reader's own polling included). */
  commands: CommandStartedEvent[];
  /** Stops the server and the runtime, drops the database and closes the client. */
  close(): Promise<void>;
}

/** Starts an API server (no worker) on database `dbName` with command monitoring, `env` over {@link FAST_ENV}. */
export async function startMonitoredApi(dbName: string, env: Record<string, string> = {}): Promise<MonitoredApi> {
  const client = new MongoClient(testDatabaseUri(dbName), { monitorCommands: true });
  await client.connect();
  const commands: CommandStartedEvent[] = [];
  client.on('commandStarted', (event) => commands.push(event));
  const config = loadConfig({ ...FAST_ENV, PORT: '0', LONGHAUL_DB: dbName, MONGODB_URI: testDatabaseUri(dbName), ...env });
  const runtime = await openRuntime(config, pino({ level: 'silent' }), { allowEmbedded: false, connection: { client, db: client.db(dbName), ferretdb: true, close: () => client.close() } });
  const api = await startApiServer(config, runtime, pino({ level: 'silent' }));
  return {
    api,
    runtime,
    client,
    commands,
    close: async () => {
      await api.close();
      await runtime.close();
      await client.db(dbName).dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
