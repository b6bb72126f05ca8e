import type { Collection, Db } from 'mongodb';

/** Name of the collection of create batches that may have reached Salesforce without their answer being stored. */
export const RESTORE_IN_FLIGHT_COLLECTION = 'restoreInFlight';

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
}

/**
 * The create batch each restore has in flight, written before the request is sent and removed once
 * its results and checkpoint are stored. A resumed restore that finds one reconciles it with the
 * target org before sending anything again.
 */
export class RestoreInFlightStore {
  private readonly batches: Collection<InFlightDocument>;

  constructor(db: Db) {
    this.batches = db.collection<InFlightDocument>(RESTORE_IN_FLIGHT_COLLECTION);
  }

  async begin(restoreId: string, batch: InFlightBatch): Promise<void> {
    await this.batches.replaceOne({ _id: restoreId }, { ...batch }, { upsert: true });
  }

  async setBulkJob(restoreId: string, bulkJobId: string): Promise<void> {
    await this.batches.updateOne({ _id: restoreId }, { $set: { bulkJobId } });
  }

  async get(restoreId: string): Promise<InFlightBatch | null> {
    const doc = await this.batches.findOne({ _id: restoreId });
    if (doc === null) return null;
    const { _id, ...batch } = doc;
    return batch;
  }

  async end(restoreId: string): Promise<void> {
    await this.batches.deleteOne({ _id: restoreId });
  }
}
