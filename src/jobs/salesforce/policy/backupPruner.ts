import type { BackupChangeStore, BackupFileStore, BackupStore } from '../../../storage/index.ts';
import { BackupObjectStatus } from '../../../storage/index.ts';
import { expiredBackups, planRetention } from './retentionPlan.ts';
import type { BackupPolicyStore } from '../../../storage/index.ts';

/** What a prune did. */
export interface PruneResult {
  orgId: string;
  /** Backups deleted (records and files). */
  backupsRemoved: number;
  /** GridFS files deleted. */
  filesRemoved: number;
  /** `backupChanges` chunks deleted (the Ids each pruned backup found created, updated or deleted). */
  changesRemoved: number;
  /** Backups the policy keeps. */
  backupsKept: number;
}

/** Options of {@link pruneBackups}. */
export interface PruneOptions {
  policies: Pick<BackupPolicyStore, 'get'>;
  backups: Pick<BackupStore, 'listAllByOrg' | 'get' | 'removeEnded'>;
  files: Pick<BackupFileStore, 'removeBackup'>;
  changes: Pick<BackupChangeStore, 'removeBackup'>;
  tenantId: string;
  orgId: string;
  now: Date;
  /** Backups deleted between two calls of `onBatch` (and checks of `signal`); default 20. */
  batchSize?: number;
  /** `backupChanges` chunks deleted per delete command (`signal` checked after each); default 1,000. */
  changesBatchSize?: number;
  signal?: AbortSignal;
  /** After each batch: progress so far. */
  onBatch?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Deletes exactly the backups of an org its policy no longer keeps ({@link planRetention}): for each, its files
 * (parts, describes, and any leftover of an object that did not finish), its `backupChanges` chunks, and then its
 * record, a batch at a time. Files and changes go before the record, so a prune that dies half way leaves a record
 * whose files and changes the next prune removes.
 * An org without a policy is left alone. Idempotent: a second prune finds nothing more to delete.
 */
export async function pruneBackups(options: PruneOptions): Promise<PruneResult> {
  const { policies, backups, files, tenantId, orgId, now } = options;
  const policy = await policies.get(tenantId, orgId);
  if (policy === null) return { orgId, backupsRemoved: 0, filesRemoved: 0, changesRemoved: 0, backupsKept: 0 };
  const all = await backups.listAllByOrg(tenantId, orgId);
  const doomed = expiredBackups(planRetention(all, { ...policy.retention, timezone: policy.timezone }, now), now);
  const batchSize = options.batchSize ?? 20;
  let backupsRemoved = 0;
  let filesRemoved = 0;
  let changesRemoved = 0;
  const changeBatches = {
    size: options.changesBatchSize ?? 1000,
    between: async (): Promise<void> => {
      if (options.signal?.aborted === true) throw options.signal.reason;
    },
  };
  for (let i = 0; i < doomed.length; i++) {
    const backup = await backups.get(tenantId, doomed[i]!);
    if (backup !== null) {
      const unfinished = backup.objects.length === 0 || backup.objects.some((o) => o.status !== BackupObjectStatus.Succeeded);
      filesRemoved += await files.removeBackup(tenantId, backup.id, backup.objects, unfinished);
      changesRemoved += await options.changes.removeBackup(tenantId, backup.id, backup.objects, changeBatches);
      if (await backups.removeEnded(tenantId, backup.id)) backupsRemoved += 1;
    }
    if ((i + 1) % batchSize === 0 || i === doomed.length - 1) {
      await options.onBatch?.(i + 1, doomed.length);
      if (options.signal?.aborted === true) throw options.signal.reason;
    }
  }
  return { orgId, backupsRemoved, filesRemoved, changesRemoved, backupsKept: all.length - doomed.length };
}
