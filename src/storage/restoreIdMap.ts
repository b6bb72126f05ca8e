import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { insertOrReplace } from './insertOrReplace.ts';
import { deleteMatching, type DeleteBatches } from '../db/deleteBatches.ts';

interface IdMapEntry {
  /** `<restoreId>:<sourceId>` (forward) or `<restoreId>><targetId>` (reverse). */
  _id: string;
  /** The restore's tenant (absent on entries written before tenants were recorded). */
  tenantId?: string;
  restoreId: string;
  object: string;
  /** Forward entries: the target Id; `null` for a record a dry run would create. */
  targetId?: string | null;
  /** Reverse entries: the source Id. */
  sourceId?: string;
}

/**
 * The source Id → target Id map of each restore, one document per record keyed by `_id` (the only
 * index FerretDB's SQLite backend uses), read in batches with `_id: {$in: [...]}`. Reverse entries
 * tell a crash reconciliation which target records this restore already knows. Every call takes the
 * restore's tenant: another tenant's entries are not found.
 */
export class RestoreIdMap {
  /** The `restoreIdMap` collection: read by `_id` only. */
  static readonly collection: CollectionSpec = {
    name: 'restoreIdMap',
    holds: "a restore's source Id → target Id (`<restoreId>:<sourceId>`) or its reverse (`<restoreId>><targetId>`)",
    indexes: [],
  };

  private readonly entries: Collection<IdMapEntry>;

  constructor(db: Db) {
    this.entries = db.collection<IdMapEntry>(RestoreIdMap.collection.name);
  }

  /** Stores pairs (`targetId` null: planned by a dry run). Idempotent. */
  async put(tenantId: string, restoreId: string, object: string, pairs: readonly { sourceId: string; targetId: string | null }[]): Promise<void> {
    if (pairs.length === 0) return;
    const docs: IdMapEntry[] = pairs.flatMap(({ sourceId, targetId }) => {
      const forward: IdMapEntry = { _id: `${restoreId}:${sourceId}`, tenantId, restoreId, object, targetId };
      return targetId === null ? [forward] : [forward, { _id: `${restoreId}>${targetId}`, tenantId, restoreId, object, sourceId }];
    });
    await insertOrReplace(this.entries, docs);
  }

  /** The known target Ids of `sourceIds` (a planned record maps to `null`). */
  async targetsOf(tenantId: string, restoreId: string, sourceIds: Iterable<string>): Promise<Map<string, string | null>> {
    const ids = [...new Set(sourceIds)].map((id) => `${restoreId}:${id}`);
    const found = new Map<string, string | null>();
    for (let i = 0; i < ids.length; i += 1000) {
      const docs = await this.entries.find({ _id: { $in: ids.slice(i, i + 1000) }, tenantId: { $in: [tenantId, null] } } as never).toArray();
      for (const doc of docs) found.set(doc._id.slice(restoreId.length + 1), doc.targetId ?? null);
    }
    return found;
  }

  /** Which of `targetIds` this restore already maps from a source record. */
  async knownTargets(tenantId: string, restoreId: string, targetIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...new Set(targetIds)].map((id) => `${restoreId}>${id}`);
    const known = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const docs = await this.entries.find({ _id: { $in: ids.slice(i, i + 1000) }, tenantId: { $in: [tenantId, null] } } as never).toArray();
      for (const doc of docs) known.add(doc._id.slice(restoreId.length + 1));
    }
    return known;
  }

  /** Forgets a restore's map (a dry run's plan entries). */
  async clear(tenantId: string, restoreId: string): Promise<void> {
    await this.entries.deleteMany({ restoreId, tenantId: { $in: [tenantId, null] } } as never);
  }

  /** Deletes the maps of restores `restoreIds` (any tenant's: the retention sweep's), in batches. */
  deleteForRestores(restoreIds: readonly string[], batches: DeleteBatches): Promise<number> {
    return restoreIds.length === 0 ? Promise.resolve(0) : deleteMatching(this.entries, { restoreId: { $in: [...restoreIds] } }, batches);
  }
}
