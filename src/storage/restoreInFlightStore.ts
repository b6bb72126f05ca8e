import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { deleteByIds, type DeleteBatches } from '../db/deleteBatches.ts';

/** A create batch a restore sent (or was about to send). */
export interface InFlightBatch {
  object: string;
  /** Position of the batch's first record in the object's backup stream. */
  offset: number;
  /** When the batch was sent (minus nothing: the reconciliation allows for clock skew itself). */
  sentAt: Date;
  /** The Bulk ingest job carrying it, once open. */
  bulkJobId: string | null;
}

interface InFlightDocument extends InFlightBatch {
  /** The restore's id: a restore writes one batch at a time. */
  _id: string;
  /** The restore's tenant (absent on batches written before tenants were recorded). */
  tenantId?: string;
}

/**
 * The create batch each restore has in flight, written before the request is sent and removed once
 * its results and checkpoint are stored. A resumed restore that finds one reconciles it with the
 * target org before sending anything again. Every call takes the restore's tenant.
 */
export class RestoreInFlightStore {
  /** The `restoreInFlight` collection: one document per restore, read by `_id` only. */
  static readonly collection: CollectionSpec = {
    name: 'restoreInFlight',
    holds: 'the create batch a restore has in flight (may have reached Salesforce without its answer stored), `_id` the restore id',
    indexes: [],
  };

  private readonly batches: Collection<InFlightDocument>;

  constructor(db: Db) {
    this.batches = db.collection<InFlightDocument>(RestoreInFlightStore.collection.name);
  }

  async begin(tenantId: string, restoreId: string, batch: InFlightBatch): Promise<void> {
    await this.batches.replaceOne(this.scope(tenantId, restoreId), { ...batch, tenantId }, { upsert: true });
  }

  async setBulkJob(tenantId: string, restoreId: string, bulkJobId: string): Promise<void> {
    await this.batches.updateOne(this.scope(tenantId, restoreId), { $set: { bulkJobId } });
  }

  async get(tenantId: string, restoreId: string): Promise<InFlightBatch | null> {
    const doc = await this.batches.findOne(this.scope(tenantId, restoreId));
    if (doc === null) return null;
    const { _id, tenantId: _t, ...batch } = doc;
    return batch;
  }

  async end(tenantId: string, restoreId: string): Promise<void> {
    await this.batches.deleteOne(this.scope(tenantId, restoreId));
  }

  private scope(tenantId: string, restoreId: string): { _id: string; tenantId: never } {
    return { _id: restoreId, tenantId: { $in: [tenantId, null] } as never };
  }

  /** Deletes the in-flight batches of restores `restoreIds` (any tenant's: the retention sweep's), by `_id`. */
  deleteForRestores(restoreIds: readonly string[], batches: DeleteBatches): Promise<number> {
    return deleteByIds(this.batches, restoreIds, batches);
  }
}
