import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import { connectDatabase, type DatabaseConnection } from '../db/databaseConnection.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embeddedDatabase.ts';
import { ensureIndexes } from '../db/ensureIndexes.ts';
import { MongoBus } from '../bus/mongoBus.ts';
import { createBuiltinRegistry } from '../jobs/builtinJobTypes.ts';
import type { JobTypeRegistry } from '../engine/jobTypeRegistry.ts';
import { BackupPolicyService, BackupService, createBackupJobType, createBackupPruneJobType, createExportJobType, createPolicyBackupJobType, createRestoreJobType, ExportService, RestoreService, type PolicyScheduleRegistry } from '../jobs/salesforce/index.ts';
import { JobEventPublisher } from '../engine/jobEventPublisher.ts';
import { combineCompanions, type JobEventCompanions } from '../engine/jobEventCompanions.ts';
import { JobService } from '../engine/jobService.ts';
import { ScheduleService } from '../engine/schedules/scheduleService.ts';
import { debugQueueCompanions } from '../monitoring/debugQueueEvents.ts';
import { JobCounterLedger } from '../monitoring/metrics/jobCounterLedger.ts';
import { EgressPolicy, OrgService, SecretBox, SecretKeyring } from '../salesforce/index.ts';
import type { BackupFileStore, BackupStore, ExportFileStore, ExportStore, RestoreResultStore, RestoreStore } from '../storage/index.ts';
import { collectionSpecs } from './collectionSpecs.ts';
import { createStores, type Stores } from './stores.ts';

/** What every role shares: the database, the bus, the job types. */
export interface Runtime {
  connection: DatabaseConnection;
  bus: MongoBus;
  registry: JobTypeRegistry;
  /** Every store outside the engine, one per collection. */
  stores: Stores;
  /** Salesforce orgs and their sessions. */
  orgs: OrgService;
  /** Backup records. */
  backups: BackupStore;
  /** Backup files (GridFS). */
  backupFiles: BackupFileStore;
  /** Restore records. */
  restores: RestoreStore;
  /** Per-record results of restores. */
  restoreResults: RestoreResultStore;
  /** Export records. */
  exports: ExportStore;
  /** Export files (GridFS). */
  exportFiles: ExportFileStore;
  /** Job events of this process (debug-queue companions; job types hear their jobs' transitions first). */
  jobEvents: JobEventPublisher;
  /** Messages published with every job event of this process (debug-queue events; the job counters count there). */
  eventCompanions: JobEventCompanions;
  /** The jobs API: `create` for public types (`createJob`), `createInternal` for the domain services. */
  jobs: JobService;
  /** Recurring jobs: the API's schedules, the domain services' owned schedules, the tickers' rounds. */
  schedules: ScheduleService;
  /** Backups: start, read, follow their jobs. */
  backupService: BackupService;
  /** Backup policies: store them with their schedules, run their occurrences, plan retention. */
  backupPolicies: BackupPolicyService;
  /** Restores: start, read (with results), follow their jobs. */
  restoreService: RestoreService;
  /** Exports: start, read, follow their jobs. */
  exportService: ExportService;
  /** URI of the database (given, or of the embedded server this process started). */
  uri: string;
  /** The embedded database this process started and keeps running (restarted when it dies), if any. */
  embedded: EmbeddedDatabase | undefined;
  /** Stops the bus, closes the connection, stops an embedded database. */
  close(): Promise<void>;
}

/** Options of {@link openRuntime}. */
export interface RuntimeOptions {
  /** Start an embedded database when `MONGODB_URI` is not set (only `longhaul all` does). */
  allowEmbedded: boolean;
  /** An open connection to use instead of connecting (tests count its round trips). */
  connection?: DatabaseConnection;
  /** Where backup policies put their schedules; default the schedules engine (`ScheduleService`). */
  policySchedules?: PolicyScheduleRegistry;
}

/** Connects to (or starts) the database and starts this process's bus reader. */
export async function openRuntime(config: Config, logger: Logger, options: RuntimeOptions): Promise<Runtime> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (options.connection === undefined && uri === undefined) {
    if (!options.allowEmbedded) throw new Error('MONGODB_URI is not set: `longhaul serve` and `longhaul work` need a shared database (use `longhaul all` for an embedded one)');
    // Supervised: if the server dies it comes back on the same port and folder, and every client reconnects.
    embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      logger,
      restart: true,
      restartDelayMs: config.dbRestartDelayMs,
    });
    uri = embedded.uri;
    logger.info({ provider: embedded.provider, dataDir: config.dataDir, uri: embedded.uri, serverPid: embedded.pid }, 'embedded database started');
  }
  const connection = options.connection ?? (await connectDatabase(uri!, config.dbName));
  // Every declared collection's indexes, once, before anything reads or writes.
  await ensureIndexes(connection.db, collectionSpecs, {
    onReplace: (collection, oldIndex, newIndex) => logger.info({ collection, oldIndex, newIndex }, 'replacing an index of an older version'),
  });
  const stores = createStores(connection, config);
  const wait = config.busWait === 'auto' ? ((connection.tailWakeup ?? !connection.ferretdb) ? 'server' : 'client') : config.busWait;
  const bus = new MongoBus({ db: connection.db, logger, maxEvents: config.busMaxEvents, wait });
  await bus.start();
  // The development key file is only read (or created) when a secret is first sealed or opened.
  const configuredKeys = config.secretKeys === undefined ? undefined : SecretKeyring.parse(config.secretKeys);
  const secrets = new SecretBox(configuredKeys ?? (() => SecretKeyring.loadOrCreateDev(config.dataDir)));
  const orgs = new OrgService({
    store: stores.orgs,
    secrets,
    clientOptions: { requestTimeoutMs: config.salesforce.requestTimeoutMs },
    limitsCacheMs: config.salesforce.limitsCacheMs,
    egress: new EgressPolicy(config.salesforceEgress),
  });
  const { backups, backupFiles, restores, restoreResults, exports, exportFiles } = stores;
  // Job types hear their jobs' transitions through the publisher; the services they call need the
  // jobs API, which needs the registry: the registry is filled last.
  const registry = createBuiltinRegistry({ demoJobs: config.demoJobs });
  // Job counters for /metrics are counted where each event is produced: in every process publishing job events.
  const counters = new JobCounterLedger({ store: stores.jobCounters, finishes: stores.jobFinishBuckets, logger, flushMs: config.monitoring.metricsFlushMs });
  counters.start();
  const eventCompanions = combineCompanions(debugQueueCompanions, counters.companion);
  const jobEvents = new JobEventPublisher(
    bus,
    eventCompanions,
    registry.transitionListener((error, kind, doc) => logger.error({ err: error, jobId: doc.id, kind }, 'job type transition hook failed')),
  );
  const jobs = new JobService(stores.jobs, stores.jobLogs, stores.tenantQuotas, bus, registry, jobEvents, config.jobLimits);
  const schedules = new ScheduleService({ store: stores.schedules, runs: stores.scheduleRuns, jobs, config: config.schedules, logger });
  const backupService = new BackupService({ jobs, orgs, backups, leases: stores.backupLeases, logger });
  const backupPolicies = new BackupPolicyService({
    policies: stores.backupPolicies,
    backups,
    backupService,
    orgs,
    jobs,
    schedules: options.policySchedules ?? schedules,
    logger,
    missedWindowFactor: config.monitoring.rules.missedBackupFactor ?? undefined,
  });
  const restoreService = new RestoreService({ jobs, orgs, backups, restores, results: restoreResults, logger });
  const exportService = new ExportService({ jobs, backups, exports, logger });
  return {
    connection,
    bus,
    stores,
    registry: registry.register(
      createBackupJobType({
        service: {
          followJob: async (transition) => {
            await backupService.followJob(transition);
            await backupPolicies.followBackup(transition);
          },
        },
        orgs,
        backups,
        files: backupFiles,
        changes: stores.backupChanges,
        callTries: config.backup.callTries,
        callBackoffMs: config.backup.callBackoffMs,
        bulkThreshold: config.backup.bulkThreshold,
        bulkPageSize: config.backup.bulkPageSize,
        bulkPollMs: config.backup.bulkPollMs,
        budgetShare: config.salesforce.budgetShare,
        budgetCheckMs: config.salesforce.budgetCheckMs,
        clockSkewMs: config.backup.clockSkewMs,
      }),
    )
      .register(
        createRestoreJobType({
          service: restoreService,
          orgs,
          backups,
          files: backupFiles,
          restores,
          results: restoreResults,
          idMap: stores.restoreIdMap,
          inFlight: stores.restoreInFlight,
          bulkThreshold: config.restore.bulkThreshold,
          bulkBatchSize: config.restore.bulkBatchSize,
          bulkPollMs: config.restore.bulkPollMs,
          callTries: config.backup.callTries,
          callBackoffMs: config.backup.callBackoffMs,
        }),
      )
      .register(createExportJobType({ service: exportService, backups, files: backupFiles, exports, exportFiles, lookups: stores.exportLookups, ttlMs: config.exports.ttlMs }))
      .register(createPolicyBackupJobType({ policies: backupPolicies }))
      .register(createBackupPruneJobType({ policies: stores.backupPolicies, backups, files: backupFiles, changes: stores.backupChanges })),
    orgs,
    backups,
    backupFiles,
    restores,
    restoreResults,
    exports,
    exportFiles,
    jobEvents,
    eventCompanions,
    jobs,
    schedules,
    backupService,
    backupPolicies,
    restoreService,
    exportService,
    uri: uri ?? '',
    embedded,
    close: async () => {
      await counters.stop();
      await bus.stop();
      if (options.connection === undefined) await connection.close();
      await embedded?.stop();
    },
  };
}
