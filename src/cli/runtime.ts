import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { connectDatabase, type DatabaseConnection } from '../db/databaseConnection.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embeddedDatabase.ts';
import { ensureIndexes } from '../db/indexes.ts';
import { MongoBus } from '../bus/mongoBus.ts';
import { createBuiltinRegistry } from '../jobs/builtinJobTypes.ts';
import type { JobTypeRegistry } from '../engine/jobTypeRegistry.ts';
import { createBackupJobType } from '../jobs/salesforce/index.ts';
import { OrgService, SecretBox, SecretKeyring } from '../salesforce/index.ts';
import { BackupFileStore, BackupStore } from '../storage/index.ts';

/** What every role shares: the database, the bus, the job types. */
export interface Runtime {
  connection: DatabaseConnection;
  bus: MongoBus;
  registry: JobTypeRegistry;
  /** Salesforce orgs and their sessions. */
  orgs: OrgService;
  /** Backup records. */
  backups: BackupStore;
  /** Backup files (GridFS). */
  backupFiles: BackupFileStore;
  /** URI of the database (given, or of the embedded server this process started). */
  uri: string;
  /** Stops the bus, closes the connection, stops an embedded database. */
  close(): Promise<void>;
}

/** Options of {@link openRuntime}. */
export interface RuntimeOptions {
  /** Start an embedded database when `MONGODB_URI` is not set (only `longhaul all` does). */
  allowEmbedded: boolean;
  /** An open connection to use instead of connecting (tests count its round trips). */
  connection?: DatabaseConnection;
}

/** Connects to (or starts) the database and starts this process's bus reader. */
export async function openRuntime(config: Config, logger: Logger, options: RuntimeOptions): Promise<Runtime> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (options.connection === undefined && uri === undefined) {
    if (!options.allowEmbedded) throw new Error('MONGODB_URI is not set: `longhaul serve` and `longhaul work` need a shared database (use `longhaul all` for an embedded one)');
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, logger });
    uri = embedded.uri;
    logger.info({ provider: embedded.provider, dataDir: config.dataDir }, 'embedded database started');
  }
  const connection = options.connection ?? (await connectDatabase(uri!, config.dbName));
  await ensureIndexes(connection.db);
  const wait = config.busWait === 'auto' ? (connection.ferretdb ? 'client' : 'server') : config.busWait;
  const bus = new MongoBus({ db: connection.db, logger, maxEvents: config.busMaxEvents, wait });
  await bus.start();
  // The development key file is only read (or created) when a secret is first sealed or opened.
  const configuredKeys = config.secretKeys === undefined ? undefined : SecretKeyring.parse(config.secretKeys);
  const secrets = new SecretBox(configuredKeys ?? (() => SecretKeyring.loadOrCreateDev(config.dataDir)));
  const orgs = new OrgService({ db: connection.db, secrets });
  const backups = new BackupStore(connection.db);
  const backupFiles = new BackupFileStore(connection.db);
  await orgs.ensureIndexes();
  await backups.ensureIndexes();
  return {
    connection,
    bus,
    registry: createBuiltinRegistry().register(createBackupJobType({ orgs, backups, files: backupFiles })),
    orgs,
    backups,
    backupFiles,
    uri: uri ?? '',
    close: async () => {
      await bus.stop();
      if (options.connection === undefined) await connection.close();
      await embedded?.stop();
    },
  };
}
