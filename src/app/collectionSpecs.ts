import type { CollectionSpec } from '../db/collectionSpec.ts';
import { LeaseStore } from '../db/leaseStore.ts';
import { jobsCollection } from '../engine/agenda/jobsCollection.ts';
import { jobHistoryCollection } from '../engine/agenda/jobHistoryCollection.ts';
import { jobLogsCollection } from '../engine/jobLogStore.ts';
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

/**
 * Every collection longhaul keeps, as its owner declares it, in the order `ensureIndexes` prepares them at
 * start. The bus's own (`events`, capped, and `counters`: `MongoBus.collections`) are prepared by the bus
 * when it starts, so that any process starting one can use it at once.
 */
export const collectionSpecs: readonly CollectionSpec[] = [
  jobsCollection,
  jobHistoryCollection,
  jobLogsCollection,
  TenantQuotaStore.collection,
  OrgStore.collection,
  BackupStore.collection,
  BackupFileStore.collection,
  BackupChangeStore.collection,
  BackupLeaseStore.collection,
  BackupPolicyStore.collection,
  RestoreStore.collection,
  RestoreResultStore.collection,
  RestoreIdMap.collection,
  RestoreInFlightStore.collection,
  ExportStore.collection,
  ExportFileStore.collection,
  ExportLookupStore.collection,
  WorkerStore.collection,
  ZombieStore.collection,
  DiagnosticStore.collection,
  DiagnosticStore.fileBucket,
  AlertIncidentStore.collection,
  DataChangeRuleStore.collection,
  JobCounterStore.collection,
  FinishBucketStore.collection,
  LeaseStore.collection,
  ScheduleStore.collection,
  ScheduleRunStore.collection,
];
