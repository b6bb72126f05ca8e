import type { Logger } from '../logging/logger.ts';
import type { Caller, JobService } from '../engine/jobService.ts';
import type { ScheduleService } from '../engine/schedules/scheduleService.ts';
import type { Loaders } from './loaders.ts';
import type { DebugQueue } from '../monitoring/debugQueue.ts';
import type { OrgService } from '../salesforce/index.ts';
import type { BackupChangesService, BackupPolicyService, BackupService, ExportService, RestoreService } from '../jobs/salesforce/index.ts';
import type { DataChangeRuleService } from '../monitoring/alerts/dataChangeRuleService.ts';
import type { MonitoringQueries } from '../monitoring/monitoringQueries.ts';
import type { LivenessService } from '../monitoring/livenessService.ts';

/** The domain services of restores and exports (every call takes the caller). */
export interface RecoveryServices {
  restores: RestoreService;
  exports: ExportService;
}

/** @deprecated the old name of {@link RecoveryServices} (the transports still name it). */
export type RecoveryStores = RecoveryServices;

/** What every resolver gets: who calls, the domain services, and this request's loaders. */
export interface ApiContext {
  caller: Caller;
  jobs: JobService;
  /** Recurring jobs (every call takes the caller). */
  schedules: ScheduleService;
  /** Salesforce orgs of every tenant (calls are tenant-scoped). */
  orgs: OrgService;
  /** Backups: start, read (the domain service; every call takes the caller). */
  backups: BackupService;
  /** The Ids each backup found created, updated and deleted per object (every call takes the caller). */
  backupChanges: BackupChangesService;
  /** Data-change alert rules of the caller's orgs. */
  dataChangeRules: DataChangeRuleService;
  /** Backup policies and the retention of each org's backups. */
  backupPolicies: BackupPolicyService;
  /** Restores (with their per-record results) and exports: the domain services. */
  recovery: RecoveryServices;
  /** The debug queue: DEBUG jobs and the operators' actions on them. */
  debugQueue: DebugQueue;
  /** Worker registry, zombies and diagnostics (reads are caller-scoped). */
  liveness: LivenessService;
  loaders: Loaders;
  /** Queue statistics and monitoring records (alerts, and the zombies, workers and diagnostics events name). */
  monitoringQueries: MonitoringQueries;
  logger: Logger;
}
