import { z } from 'zod';
import { defineJobType, type JobType } from '../../../engine/jobType.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import type { OrgService } from '../../../salesforce/index.ts';
import { RECORD_ID_PATTERN, type BackupChangeStore, type BackupFileStore, type BackupStatus, type BackupStore } from '../../../storage/index.ts';
import type { BackupCheckpoint } from './backupCheckpoint.ts';
import { BackupRun } from './backupRun.ts';

/** Name of the backup job type. */
export const BACKUP_JOB_TYPE = 'salesforce.backup';

const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Input of `salesforce.backup`, written by `startBackup`. */
export const BackupJobInput = z
  .object({
    backupId: z.string().regex(RECORD_ID_PATTERN),
    orgId: z.string().regex(RECORD_ID_PATTERN),
    mode: z.enum(['FULL', 'INCREMENTAL']).default('FULL'),
    objects: z.array(z.string().regex(OBJECT_NAME, 'not an sObject name')).min(1).max(2000).optional(),
  })
  .strict();
export type BackupJobInput = z.output<typeof BackupJobInput>;

/** Result of a backup job. */
export interface BackupJobResult {
  backupId: string;
  status: BackupStatus;
  records: number;
  objects: number;
  failedObjects: string[];
}

/** What the backup job needs, and how it behaves. */
export interface BackupJobDependencies {
  orgs: Pick<OrgService, 'openClient' | 'recordBudget'>;
  backups: BackupStore;
  files: BackupFileStore;
  /** The Ids created, updated and deleted per object since its previous backup (`backupChanges`). */
  changes: BackupChangeStore;
  /** The domain service of backups: a backup follows its job there (`BackupService.followJob`). */
  service: { followJob(transition: JobTransition): Promise<void> };
  /** Tries of one Salesforce call failing with a retryable error before the attempt fails; default 6 (`RETRYING_CALLER_DEFAULTS`). */
  callTries?: number;
  /** First delay between those tries, doubling up to 30 s; default 500 ms (`RETRYING_CALLER_DEFAULTS`). */
  callBackoffMs?: number;
  /** Objects with at least this many records to read go through Bulk API 2.0, smaller ones through REST; default 10,000. */
  bulkThreshold?: number;
  /** Records per Bulk 2.0 result page (one stored part each; a worker holds about one page); default 5,000. */
  bulkPageSize?: number;
  /** Interval between polls of a Bulk 2.0 query job; default 1,000 ms. */
  bulkPollMs?: number;
  /** Share (0..1] of the org's daily API requests a backup may let the org reach before it pauses; default 0.5. */
  budgetShare?: number;
  /** How often a backup paused for budget reads the limits again; default 60,000 ms. */
  budgetCheckMs?: number;
  /** Margin for clock skew subtracted from the point an incremental backup starts from; default 300,000 ms. */
  clockSkewMs?: number;
}

/**
 * `salesforce.backup`: reads the chosen objects of an org (REST query paging for small objects,
 * Bulk API 2.0 query jobs for large ones) and stores each page as a gzip NDJSON part in GridFS,
 * with the object's describe, counts and sha256. `INCREMENTAL` backups read only the records
 * changed since the object's last successful backup, deleted ones included (`queryAll`).
 * Checkpoints after every page; a resumed attempt continues at the next page. An object Salesforce
 * rejects for good (`INVALID_FIELD`, ...) fails alone; the backup then ends `PARTIAL`. Internal: only
 * `BackupService` creates its jobs. Every record is read in the job's tenant: a backup or org of
 * another tenant fails the job at once (`RECORD_NOT_FOUND`), before anything is written or called.
 */
export function createBackupJobType(deps: BackupJobDependencies): JobType<BackupJobInput, BackupCheckpoint, BackupJobResult> {
  return defineJobType<BackupJobInput, BackupCheckpoint, BackupJobResult>({
    name: BACKUP_JOB_TYPE,
    description: 'Backs up a Salesforce org (created by startBackup). Result: { backupId, status, records, objects, failedObjects }.',
    visibility: 'internal',
    input: BackupJobInput,
    defaults: { concurrency: 4, maxAttempts: 10, backoff: { delayMs: 2000, maxDelayMs: 120_000 } },
    run: (ctx) => new BackupRun(ctx, deps).run(),
    onTransition: (transition) => deps.service.followJob(transition),
  });
}
