import type { Config } from '../config/config.ts';
import type { DatabaseConnection } from '../db/databaseConnection.ts';
import { LeaseStore } from '../db/leaseStore.ts';
import { AgendaJobRepository } from '../engine/agenda/agendaJobRepository.ts';
import type { JobRepository } from '../engine/jobRepository.ts';
import { JobLogStore } from '../engine/jobLogStore.ts';
import { TenantQuotaStore } from '../engine/tenantQuotaStore.ts';
import { ScheduleStore } from '../engine/schedules/scheduleStore.ts';
import { ScheduleRunStore } from '../engine/schedules/scheduleRunStore.ts';
import { AlertIncidentStore } from '../monitoring/alerts/alertIncidentStore.ts';
import { DataChangeRuleStore } from '../monitoring/alerts/dataChangeRuleStore.ts';
import { DiagnosticStore } from '../monitoring/diagnosticStore.ts';
import { JobCounterStore } from '../monitoring/metrics/jobCounterStore.ts';
import { FinishBucketStore } from '../monitoring/stats/finishBucketStore.ts';
import { WorkerStore } from '../monitoring/workerStore.ts';
import { ZombieStore } from '../monitoring/zombieStore.ts';
import { OrgStore } from '../salesforce/index.ts';
import { BackupChangeStore, BackupFileStore, BackupLeaseStore, BackupPolicyStore, BackupStore, ExportFileStore, ExportLookupStore, ExportStore, RestoreIdMap, RestoreInFlightStore, RestoreResultStore, RestoreStore } from '../storage/index.ts';
import { configuredSecrets } from './configuredSecrets.ts';

/**
 * Every store of a process, one per collection (their specs are in `collectionSpecs.ts`), built once here and
 * handed to the services that read or write them: no service builds a store of its own.
 */
export interface Stores {
  /** The jobs (the job repository port, over Agenda's collection). */
  jobs: JobRepository;
  /** Jobs' own log lines. */
  jobLogs: JobLogStore;
  /** Per-tenant quota counters (creation rate, queued jobs, running slots). */
  tenantQuotas: TenantQuotaStore;
  /** Salesforce orgs, credentials sealed. */
  orgs: OrgStore;
  /** Backup records. */
  backups: BackupStore;
  /** Backup files (GridFS). */
  backupFiles: BackupFileStore;
  /** Ids created, updated and deleted per object of a backup. */
  backupChanges: BackupChangeStore;
  /** The one queued or running backup of each org. */
  backupLeases: BackupLeaseStore;
  /** Backup policies, one per org. */
  backupPolicies: BackupPolicyStore;
  /** Restore records. */
  restores: RestoreStore;
  /** Per-record results of restores. */
  restoreResults: RestoreResultStore;
  /** Source Id → target Id maps of restores. */
  restoreIdMap: RestoreIdMap;
  /** The create batch each restore has in flight. */
  restoreInFlight: RestoreInFlightStore;
  /** Export records. */
  exports: ExportStore;
  /** Export files. */
  exportFiles: ExportFileStore;
  /** Relationship lookups of running exports. */
  exportLookups: ExportLookupStore;
  /** The registry of processes and their heartbeats. */
  workers: WorkerStore;
  /** Zombie runs. */
  zombies: ZombieStore;
  /** Diagnostic files and their records (secrets redacted on every write). */
  diagnostics: DiagnosticStore;
  /** Alert incidents and their delivery state. */
  alerts: AlertIncidentStore;
  /** Data-change alert rules per org. */
  dataChangeRules: DataChangeRuleStore;
  /** Deployment-wide job counters for `/metrics`. */
  jobCounters: JobCounterStore;
  jobFinishBuckets: FinishBucketStore;
  /** Named leases (one process at a time: the retention sweep). */
  leases: LeaseStore;
  /** Recurring jobs. */
  schedules: ScheduleStore;
  /** The job each occurrence of a schedule created. */
  scheduleRuns: ScheduleRunStore;
}

/** Builds every store over `connection` (no round trip: indexes are `ensureIndexes`'s, at start). */
export function createStores(connection: DatabaseConnection, config: Config): Stores {
  const { db } = connection;
  const jobs = new AgendaJobRepository(db);
  return {
    jobs,
    jobLogs: new JobLogStore(db, jobs, { maxLinesPerJob: config.jobLimits.maxLogLinesPerJob }),
    tenantQuotas: new TenantQuotaStore(db),
    orgs: new OrgStore(db),
    backups: new BackupStore(db),
    backupFiles: new BackupFileStore(db),
    backupChanges: new BackupChangeStore(db),
    backupLeases: new BackupLeaseStore(db),
    backupPolicies: new BackupPolicyStore(db),
    restores: new RestoreStore(db),
    restoreResults: new RestoreResultStore(db),
    restoreIdMap: new RestoreIdMap(db),
    restoreInFlight: new RestoreInFlightStore(db),
    exports: new ExportStore(db),
    exportFiles: new ExportFileStore(db),
    exportLookups: new ExportLookupStore(db),
    workers: new WorkerStore(db),
    zombies: new ZombieStore(db),
    diagnostics: new DiagnosticStore(db, { settings: config.diagnostics, secrets: configuredSecrets(config) }),
    alerts: new AlertIncidentStore(db),
    dataChangeRules: new DataChangeRuleStore(db),
    jobCounters: new JobCounterStore(db),
    jobFinishBuckets: new FinishBucketStore(db),
    leases: new LeaseStore(db),
    schedules: new ScheduleStore(db),
    scheduleRuns: new ScheduleRunStore(db),
  };
}
