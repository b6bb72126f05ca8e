import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { insertOrReplace } from './insertOrReplace.ts';
import { deleteMatching, type DeleteBatches } from '../db/deleteBatches.ts';

interface LookupDocument {
  /** `<exportId>:<parentId>`: the only index FerretDB's SQLite backend uses. */
  _id: string;
  tenantId: string;
  exportId: string;
  values: Record<string, unknown>[];
}

/**
 * Values of parent records an export flattens into its rows (`Account.Name`), kept in MongoDB while the
 * export runs so its memory does not grow with the number of parents; read in batches by `_id`.
 * Every call takes the export's tenant; another tenant's values are not found.
 */
export class ExportLookupStore {
  /** The `exportLookups` collection: read by `_id` in batches, cleared by export. */
  static readonly collection: CollectionSpec = {
    name: 'exportLookups',
    holds: "an export's relationship lookup, `_id` `<exportId>:<parentId>` → the parent's flattened values",
    indexes: [],
  };

  private readonly lookups: Collection<LookupDocument>;

  constructor(db: Db) {
    this.lookups = db.collection<LookupDocument>(ExportLookupStore.collection.name);
  }

  /** Stores parents' values (field names as a list of pairs: keys may not hold dots). */
  async put(tenantId: string, exportId: string, parents: readonly { id: string; values: Record<string, unknown> }[]): Promise<void> {
    if (parents.length === 0) return;
    const docs = parents.map((p) => ({ _id: `${exportId}:${p.id}`, tenantId, exportId, values: Object.entries(p.values).map(([field, value]) => ({ field, value })) }));
    await insertOrReplace(this.lookups, docs);
  }

  /** Values of the given parents. */
  async get(tenantId: string, exportId: string, ids: Iterable<string>): Promise<Map<string, Record<string, unknown>>> {
    const keys = [...new Set(ids)].map((id) => `${exportId}:${id}`);
    const found = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < keys.length; i += 1000) {
      for (const doc of await this.lookups.find({ _id: { $in: keys.slice(i, i + 1000) }, tenantId }).toArray()) {
        const values: Record<string, unknown> = {};
        for (const pair of doc.values as unknown as { field: string; value: unknown }[]) values[pair.field] = pair.value;
        found.set(doc._id.slice(exportId.length + 1), values);
      }
    }
    return found;
  }

  async clear(tenantId: string, exportId: string): Promise<void> {
    await this.lookups.deleteMany({ exportId, tenantId });
  }

  /** Deletes the lookups of exports `exportIds` (any tenant's: the retention sweep's), in batches. */
  deleteForExports(exportIds: readonly string[], batches: DeleteBatches): Promise<number> {
    return exportIds.length === 0 ? Promise.resolve(0) : deleteMatching(this.lookups, { exportId: { $in: [...exportIds] } }, batches);
  }
}
