import type { BackupFileStore, SnapshotLink } from '../../storage/index.ts';
import { describedObject, type DescribedObject } from './describedObject.ts';

/**
 * The describe of `object` as backup `backupId` holds it, read in `tenantId`: the backup's own copy, or,
 * since an incremental backup may not store the describe again, the one of its chain's full backup
 * (`chain[0]`, see `snapshotChain`). Restores plan with it and exports choose their columns by it.
 */
export async function readBackedUpDescribe(
  files: Pick<BackupFileStore, 'readSchema'>,
  tenantId: string,
  backupId: string,
  chain: readonly SnapshotLink[],
  object: string,
): Promise<DescribedObject> {
  const raw = await files.readSchema(tenantId, backupId, object).catch(() => files.readSchema(tenantId, chain[0]!.backupId, object));
  return describedObject(raw);
}
