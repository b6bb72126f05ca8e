import { z } from 'zod';
import { defineJobType, type JobType } from '../../../engine/jobType.ts';
import { RECORD_ID_PATTERN, type BackupChangeStore, type BackupFileStore, type BackupPolicyStore, type BackupStore } from '../../../storage/index.ts';
import { BACKUP_PRUNE_JOB_TYPE } from './backupPolicyService.ts';
import { pruneBackups, type PruneResult } from './backupPruner.ts';

/** Input of `salesforce.backupPrune`. */
export const BackupPruneJobInput = z.object({ orgId: z.string().regex(RECORD_ID_PATTERN) }).strict();
export type BackupPruneJobInput = z.output<typeof BackupPruneJobInput>;

/** What the prune job needs. */
export interface BackupPruneJobDependencies {
  policies: BackupPolicyStore;
  backups: BackupStore;
  files: BackupFileStore;
  changes: BackupChangeStore;
  /** Backups deleted per batch; default 20. */
  batchSize?: number;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

/**
 * `salesforce.backupPrune`: deletes the backups of an org its policy no longer keeps (records, GridFS files and `backupChanges` chunks),
 * in batches, never one a kept backup builds on. Enqueued after every successful backup of an org with a policy,
 * and by each occurrence of the policy's schedule. Internal. Idempotent: a retry deletes what is left.
 */
export function createBackupPruneJobType(deps: BackupPruneJobDependencies): JobType<BackupPruneJobInput, never, PruneResult> {
  return defineJobType<BackupPruneJobInput, never, PruneResult>({
    name: BACKUP_PRUNE_JOB_TYPE,
    description: "Deletes the backups of an org its policy's retention no longer keeps. Result: { orgId, backupsRemoved, filesRemoved, changesRemoved, backupsKept }.",
    visibility: 'internal',
    input: BackupPruneJobInput,
    defaults: { concurrency: 2, maxAttempts: 5 },
    run: async (ctx) => {
      const result = await pruneBackups({
        policies: deps.policies,
        backups: deps.backups,
        files: deps.files,
        changes: deps.changes,
        tenantId: ctx.tenantId,
        orgId: ctx.input.orgId,
        now: (deps.now ?? (() => new Date()))(),
        batchSize: deps.batchSize,
        signal: ctx.signal,
        onBatch: (done, total) => ctx.progress({ processed: done, total, message: `${done}/${total} backups removed` }),
      });
      ctx.logger.info(`pruned ${result.backupsRemoved} backups (${result.filesRemoved} files, ${result.changesRemoved} change chunks), kept ${result.backupsKept}`, { orgId: ctx.input.orgId });
      return result;
    },
  });
}
