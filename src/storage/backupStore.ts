import type { Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { BackupStatus, toBackupView, type BackupDocument, type BackupMode, type BackupObjectEntry, type BackupView } from './backupDocument.ts';
import { JobBackedRecordStore } from './jobBackedRecordStore.ts';

/** The `backups` collection: one document per backup, written by its job (a single writer, fenced by the job's lock). Tenant-scoped. */
export class BackupStore extends JobBackedRecordStore<BackupDocument, BackupView> {
  /** The `backups` collection and the index of an org's backups, newest first. */
  static readonly collection: CollectionSpec = {
    name: 'backups',
    holds: 'a backup: status, objects, counts and checksums',
    indexes: [{ name: 'tenant_org_created', key: { tenantId: 1, orgId: 1, createdAt: -1 } }],
  };

  constructor(db: Db) {
    super(db, { collection: BackupStore.collection.name, toView: toBackupView });
  }

  /** Records a new, queued backup, created now (or at `createdAt`: a history seeded by the prune bench). */
  create(request: { tenantId: string; orgId: string; mode: BackupMode; objects: string[] | null; createdAt?: Date }): Promise<BackupView> {
    return this.insert({
      tenantId: request.tenantId,
      orgId: request.orgId,
      jobId: null,
      mode: request.mode,
      status: BackupStatus.Queued,
      requestedObjects: request.objects,
      objects: [],
      error: null,
      createdAt: request.createdAt ?? new Date(),
      startedAt: null,
      finishedAt: null,
    });
  }

  /** The tenant's backups of an org, newest first (at most `limit`). */
  listByOrg(tenantId: string, orgId: string, limit = 100): Promise<BackupView[]> {
    return this.listWhere(tenantId, { orgId }, limit);
  }

  /**
   * The tenant's newest backup of `orgId` created before `before` in which `objectName` succeeded:
   * the base of an incremental backup of that object, or `null` when there is none. Reads the org's
   * backups newest first (JavaScript filter: portable to FerretDB and DocumentDB).
   */
  async lastSucceededObject(tenantId: string, orgId: string, objectName: string, before: Date): Promise<{ backup: BackupView; entry: BackupObjectEntry } | null> {
    const cursor = this.records.find({ tenantId, orgId, createdAt: { $lt: before }, status: { $in: [BackupStatus.Succeeded, BackupStatus.Partial] } }).sort({ createdAt: -1, _id: -1 });
    try {
      for await (const doc of cursor) {
        const entry = doc.objects.find((o) => o.name === objectName && o.status === 'SUCCEEDED');
        if (entry !== undefined) return { backup: toBackupView(doc), entry };
      }
    } finally {
      await cursor.close();
    }
    return null;
  }

  /**
   * The tenant's newest backup of `orgId` that finished `SUCCEEDED` or `PARTIAL` (of `mode` when given), or
   * `null`: what a policy reads to choose FULL or INCREMENTAL, and the missed-backup rule to see the last success.
   */
  async lastFinished(tenantId: string, orgId: string, mode?: BackupMode): Promise<BackupView | null> {
    const filter = { tenantId, orgId, status: { $in: [BackupStatus.Succeeded, BackupStatus.Partial] }, ...(mode === undefined ? {} : { mode }) };
    const doc = await this.records.find(filter).sort({ createdAt: -1, _id: -1 }).limit(1).next();
    return doc === null ? null : toBackupView(doc);
  }

  /** Every one of the tenant's backups of `orgId`, newest first (retention plans over all of them; at most `limit`, default 100,000). */
  listAllByOrg(tenantId: string, orgId: string, limit = 100_000): Promise<BackupView[]> {
    return this.listWhere(tenantId, { orgId }, limit);
  }

  /**
   * Removes the tenant's backup record `id` if it has ended (pruning): a queued or running backup is never
   * removed. Returns whether it was removed. Its files are removed first (`BackupFileStore.removeBackup`).
   */
  async removeEnded(tenantId: string, id: string): Promise<boolean> {
    const filter = this.scope(tenantId, id);
    if (filter === null) return false;
    const ended = [BackupStatus.Succeeded, BackupStatus.Partial, BackupStatus.Failed, BackupStatus.Cancelled];
    return (await this.records.deleteOne({ ...filter, status: { $in: ended } })).deletedCount === 1;
  }

  /** Stores the backup's status and objects as its job sees them now (the whole array: FerretDB-safe, one writer). */
  update(
    tenantId: string,
    id: string,
    change: { status?: BackupStatus; objects?: BackupObjectEntry[]; startedAt?: Date; finishedAt?: Date | null; error?: { code: string; message: string } | null },
  ): Promise<void> {
    return this.set(tenantId, id, change);
  }
}
