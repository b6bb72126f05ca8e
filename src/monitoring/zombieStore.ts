import type { Collection, Db, Filter } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { deleteMatching, type DeleteBatches } from '../db/deleteBatches.ts';
import type { ZombieAction, ZombieDocument } from './zombieDocument.ts';

/** Builds the `_id` of a zombie: one per run that became a zombie. */
export function zombieId(jobId: string, runId: string): string {
  return `${jobId}:${runId}`;
}

/**
 * The `zombies` collection. {@link record} is the decision point: of several detectors seeing the same
 * run at once, exactly one inserts its record (the others get a duplicate key) and only that one acts.
 */
export class ZombieStore {
  /** The `zombies` collection: written by `_id`, listed whole (one document per zombie run). */
  static readonly collection: CollectionSpec = { name: 'zombies', holds: 'a run that became a zombie and what was done about it, `_id` `<jobId>:<runId>`', indexes: [] };

  private readonly zombies: Collection<ZombieDocument>;

  constructor(db: Db) {
    this.zombies = db.collection<ZombieDocument>(ZombieStore.collection.name);
  }

  /** Inserts a zombie; `false` when another detector already recorded this run. */
  async record(doc: ZombieDocument): Promise<boolean> {
    try {
      await this.zombies.insertOne(doc);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Whether a run already is a recorded zombie. */
  async exists(id: string): Promise<boolean> {
    return (await this.zombies.findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
  }

  /** Marks a zombie handled; `action: null` when it ended without this detector's doing (taken over, finished). */
  async resolve(id: string, action: ZombieAction | null, at = new Date()): Promise<void> {
    await this.zombies.updateOne({ _id: id }, { $set: { action, resolvedAt: at } });
  }

  /** Links a diagnostic report to a zombie. */
  async addDiagnostic(id: string, diagnosticId: string): Promise<void> {
    await this.zombies.updateOne({ _id: id }, { $push: { diagnosticIds: diagnosticId } });
  }

  async get(id: string): Promise<ZombieDocument | null> {
    return this.zombies.findOne({ _id: id });
  }

  /** A zombie by id if it is `tenantId`'s (`null`: any tenant's, for operators). */
  async getInTenant(id: string, tenantId: string | null): Promise<ZombieDocument | null> {
    return this.zombies.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId });
  }

  /** How many zombies are not resolved yet (every tenant's). */
  async countOpen(): Promise<number> {
    return this.zombies.countDocuments({ resolvedAt: null });
  }

  /** Zombies, newest first: of one tenant (`null`: all), open ones only unless `includeResolved`. */
  async list(tenantId: string | null, includeResolved: boolean, limit = 200): Promise<ZombieDocument[]> {
    const filter: Filter<ZombieDocument> = {};
    if (tenantId !== null) filter.tenantId = tenantId;
    if (!includeResolved) filter.resolvedAt = null;
    return this.zombies.find(filter).sort({ detectedAt: -1 }).limit(limit).toArray();
  }

  /** Deletes zombies resolved before `cutoff` (every tenant's: the retention sweep's), in batches; open ones stay. */
  deleteResolvedBefore(cutoff: Date, batches: DeleteBatches): Promise<number> {
    return deleteMatching(this.zombies, { resolvedAt: { $ne: null, $lt: cutoff } }, batches);
  }
}
