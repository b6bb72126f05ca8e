import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from './collectionSpec.ts';

/** A stored lease: who holds it until when. */
interface LeaseDocument {
  /** The lease's name. */
  _id: string;
  holder: string;
  expiresAt: Date;
}

/**
 * Named leases shared by every process: a lease is one document under its name, taken by compare-and-set (free,
 * expired, or already ours) so that at most one process holds it at a time, e.g. the retention sweep's. A holder
 * that dies lets go when its lease expires; one that works longer renews it.
 */
export class LeaseStore {
  /** The `leases` collection: one document per lease, read and written by `_id` only. */
  static readonly collection: CollectionSpec = { name: 'leases', holds: 'a named lease (`_id` its name): who holds it until when', indexes: [] };

  private readonly leases: Collection<LeaseDocument>;

  constructor(db: Db) {
    this.leases = db.collection<LeaseDocument>(LeaseStore.collection.name);
  }

  /** Takes (or renews) lease `name` for `holder` until `now + ttlMs`; `false` when another holder has it and it has not expired. */
  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    const taken = await this.leases.updateOne({ _id: name, $or: [{ holder }, { expiresAt: { $lte: now } }] }, { $set: { holder, expiresAt } });
    if (taken.matchedCount === 1) return true;
    try {
      await this.leases.insertOne({ _id: name, holder, expiresAt });
      return true;
    } catch (error) {
      // Someone holds it (the insert lost to their document): not ours.
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Lets go of lease `name` if `holder` still holds it. */
  async release(name: string, holder: string): Promise<void> {
    await this.leases.deleteOne({ _id: name, holder });
  }
}
