import { defineJobType, type JobType } from '../../../engine/jobType.ts';
import { RestoreJobInput } from './restoreJobInput.ts';
import type { RestoreCheckpoint } from './restoreCheckpoint.ts';
import type { RestoreJobDependencies } from './restoreJobDependencies.ts';
import { RestoreRun, type RestoreJobResult } from './restoreRun.ts';

/** Name of the restore job type. */
export const RESTORE_JOB_TYPE = 'salesforce.restore';

/**
 * `salesforce.restore`: writes a backup (a snapshot of it) back into an org, parents first, through
 * sObject Collections or Bulk 2.0 ingest, with per-record results, an old → new Id map and a
 * checkpoint after every batch. A create batch that may have reached Salesforce before a crash is
 * reconciled with the org before anything is sent again. `dryRun` walks the same path without writing.
 * Internal: only `RestoreService` creates its jobs; a restore, backup or org of another tenant fails the
 * job at once (`RECORD_NOT_FOUND`), before anything is written or any Salesforce call is made.
 */
export function createRestoreJobType(deps: RestoreJobDependencies): JobType<RestoreJobInput, RestoreCheckpoint, RestoreJobResult> {
  return defineJobType<RestoreJobInput, RestoreCheckpoint, RestoreJobResult>({
    name: RESTORE_JOB_TYPE,
    description: 'Restores a backup into an org (created by startRestore). Result: { restoreId, dryRun, status, order, created, updated, failed, skipped }.',
    visibility: 'internal',
    input: RestoreJobInput,
    defaults: { concurrency: 2, maxAttempts: 5, backoff: { delayMs: 2000, maxDelayMs: 120_000 } },
    run: (ctx) => new RestoreRun(ctx, deps).run(),
    onTransition: (transition) => deps.service.followJob(transition),
  });
}
