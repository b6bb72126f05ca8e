import type { Logger } from '../logging/logger.ts';
import type { Caller, JobService } from '../engine/jobService.ts';
import type { Loaders } from './loaders.ts';
import type { DebugQueue } from '../monitoring/debugQueue.ts';
import type { OrgService } from '../salesforce/index.ts';
import type { BackupStore, ExportStore, RestoreResultStore, RestoreStore } from '../storage/index.ts';
import type { MonitoringQueries } from '../monitoring/monitoringQueries.ts';
import type { LivenessService } from '../monitoring/livenessService.ts';

/** Restores and exports of every tenant (calls are tenant-scoped). */
export interface RecoveryStores {
  restores: RestoreStore;
  restoreResults: RestoreResultStore;
  exports: ExportStore;
}

/** What every resolver gets: who calls, the domain services, and this request's loaders. */
export interface ApiContext {
  caller: Caller;
  jobs: JobService;
  /** Salesforce orgs of every tenant (calls are tenant-scoped). */
  orgs: OrgService;
  /** Backup records. */
  backups: BackupStore;
  /** Restores, their per-record results, and exports. */
  recovery: RecoveryStores;
  /** The debug queue: DEBUG jobs and the operators' actions on them. */
  debugQueue: DebugQueue;
  /** Worker registry, zombies and diagnostics (reads are caller-scoped). */
  liveness: LivenessService;
  loaders: Loaders;
  /** Queue statistics and monitoring records (alerts, and the zombies, workers and diagnostics events name). */
  monitoringQueries: MonitoringQueries;
  logger: Logger;
}
