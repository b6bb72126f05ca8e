import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';

/** The lease of an org: the one backup of that org allowed to be queued or running. `_id` is the org id. */
export interface BackupLeaseDocument {
  _id: string;
  tenantId: string;
  backupId: string;
  /** The backup's job, once enqueued. */
  jobId: string | null;
  acquiredAt: Date;
}

/** What {@link BackupLeaseStore.acquire} answers. */
export type LeaseAcquisition = { acquired: true } | { acquired: false; holder: BackupLeaseDocument };

/** Tries of the insert / compare-and-set loop before giving up (only contention of many starts at once reaches it). */
const MAX_TRIES = 5;

/**
 * One backup per org at a time, across every process: the `backupLeases` collection holds one document per org
 * with a backup queued or running, keyed by the org id (`_id` equality: indexed on FerretDB too). Taking it is an
 * insert (a duplicate key means someone holds it); a holder that is no longer live (its backup ended but the
 * release was lost, or its record is gone) is replaced by a compare-and-set on `{ _id, backupId }`, so two
 * starters can never both win.
 */
export class BackupLeaseStore {
  static readonly collection: CollectionSpec = { name: 'backupLeases', holds: 'the one queued or running backup of an org, `_id` the org id', indexes: [] };

  private readonly leases: Collection<BackupLeaseDocument>;

  constructor(db: Db) {
    this.leases = db.collection<BackupLeaseDocument>(BackupLeaseStore.collection.name);
  }

  /**
   * Takes the lease of `orgId` for `backupId`, unless another backup holds it and `isLive(holder)` says that
   * backup is still queued or running. Race-safe: of concurrent callers exactly one wins.
   */
  async acquire(request: { orgId: string; tenantId: string; backupId: string }, isLive: (holder: BackupLeaseDocument) => Promise<boolean>): Promise<LeaseAcquisition> {
    const fresh = { tenantId: request.tenantId, backupId: request.backupId, jobId: null, acquiredAt: new Date() };
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      try {
        await this.leases.insertOne({ _id: request.orgId, ...fresh });
        return { acquired: true };
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
      const holder = await this.leases.findOne({ _id: request.orgId });
      if (holder === null) continue;
      if (holder.backupId === request.backupId) return { acquired: true };
      if (await isLive(holder)) return { acquired: false, holder };
      // The holder ended without releasing: replace it only if it is still the one we judged.
      const replaced = await this.leases.updateOne({ _id: request.orgId, backupId: holder.backupId }, { $set: fresh });
      if (replaced.modifiedCount === 1) return { acquired: true };
    }
    const holder = await this.leases.findOne({ _id: request.orgId });
    if (holder === null) throw new Error(`could not take the backup lease of org ${request.orgId}`);
    return { acquired: false, holder };
  }

  /** Records the job of the backup holding the lease. */
  async attachJob(orgId: string, backupId: string, jobId: string): Promise<void> {
    await this.leases.updateOne({ _id: orgId, backupId }, { $set: { jobId } });
  }

  /** Releases the lease of `orgId` if `backupId` holds it (a later holder is left alone). */
  async release(orgId: string, backupId: string): Promise<void> {
    await this.leases.deleteOne({ _id: orgId, backupId });
  }

  /** The lease of `orgId`, or `null`. */
  get(orgId: string): Promise<BackupLeaseDocument | null> {
    return this.leases.findOne({ _id: orgId });
  }
}
