import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../../db/collectionSpec.ts';
import { deleteMatching, type DeleteBatches } from '../../db/deleteBatches.ts';

/** The scope of a bucket that counts every tenant's jobs. */
const ALL_TENANTS = '*';

/**
 * Jobs that ended in one minute, for one tenant or (`tenantId: null`) all of them. `_id` is `<minute>|<scope>`: the
 * minute's start in ms since the epoch, then the tenant id or `*` (everything after the first `|` is the scope).
 */
export interface FinishBucketDocument {
  _id: string;
  tenantId: string | null;
  /** Start of the minute. */
  minute: Date;
  /** Jobs that succeeded. */
  succeeded: number;
  /** Jobs that failed for good or were parked in the debug queue (a discard from there is not counted again). */
  failed: number;
}

/** Counts to add to one tenant's bucket (and to the all-tenants bucket of the same minute). */
export interface FinishIncrement {
  tenantId: string;
  /** Start of the minute, ms since the epoch. */
  minuteMs: number;
  succeeded: number;
  failed: number;
}

/** A minute's counts as read. */
export interface FinishCounts {
  minuteMs: number;
  succeeded: number;
  failed: number;
}

/**
 * The `jobFinishBuckets` collection: finished jobs per minute, per tenant and for all tenants, so that throughput
 * and failure rates over a window are read by `_id` (at most a day of minutes: 1,440 ids) instead of scanning the
 * job history, which grows with every job ever run. Written by the job counter ledger (one bulk of `$inc`s per
 * flush), pruned by the retention sweep.
 */
export class FinishBucketStore {
  static readonly collection: CollectionSpec = {
    name: 'jobFinishBuckets',
    holds: 'jobs that ended in one minute, per tenant and for all tenants, `_id` `<minute ms>|<tenant id or *>`',
    indexes: [],
  };

  private readonly buckets: Collection<FinishBucketDocument>;

  constructor(db: Db) {
    this.buckets = db.collection<FinishBucketDocument>(FinishBucketStore.collection.name);
  }

  /** Adds counts in one unordered bulk of upserts, each to its tenant's bucket and to the all-tenants one. */
  async add(increments: readonly FinishIncrement[]): Promise<void> {
    const merged = new Map<string, { tenantId: string | null; minuteMs: number; succeeded: number; failed: number }>();
    for (const inc of increments) {
      for (const tenantId of [inc.tenantId, null]) {
        const id = bucketId(inc.minuteMs, tenantId);
        const entry = merged.get(id) ?? { tenantId, minuteMs: inc.minuteMs, succeeded: 0, failed: 0 };
        entry.succeeded += inc.succeeded;
        entry.failed += inc.failed;
        merged.set(id, entry);
      }
    }
    if (merged.size === 0) return;
    const ops: AnyBulkWriteOperation<FinishBucketDocument>[] = [...merged].map(([id, b]) => ({
      updateOne: {
        filter: { _id: id },
        update: { $setOnInsert: { tenantId: b.tenantId, minute: new Date(b.minuteMs) }, $inc: { succeeded: b.succeeded, failed: b.failed } },
        upsert: true,
      },
    }));
    await this.buckets.bulkWrite(ops, { ordered: false });
  }

  /** The buckets of `tenantId` (`null`: all tenants) for the minutes starting at `minutesMs`, by `_id` (missing ones: none ended). */
  async read(tenantId: string | null, minutesMs: readonly number[]): Promise<FinishCounts[]> {
    if (minutesMs.length === 0) return [];
    const docs = await this.buckets.find({ _id: { $in: minutesMs.map((m) => bucketId(m, tenantId)) } }).toArray();
    return docs.map((d) => ({ minuteMs: d.minute.getTime(), succeeded: d.succeeded, failed: d.failed }));
  }

  /** Deletes the buckets of minutes before `cutoff` (a scan of this small collection, then by `_id`); returns how many. */
  deleteBefore(cutoff: Date, batches: DeleteBatches): Promise<number> {
    return deleteMatching(this.buckets, { minute: { $lt: cutoff } }, batches);
  }
}

function bucketId(minuteMs: number, tenantId: string | null): string {
  return `${minuteMs}|${tenantId ?? ALL_TENANTS}`;
}
