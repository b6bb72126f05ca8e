import type { Collection, Db, Document } from 'mongodb';
import type { CollectionSpec, IndexSpec } from './collectionSpec.ts';

/** MongoDB's NamespaceExists: the capped collection is already there. */
const NAMESPACE_EXISTS = 48;
/** MongoDB's IndexOptionsConflict: an index on the same key exists under another name or with other options. */
const INDEX_OPTIONS_CONFLICT = 85;

/** Options of {@link ensureIndexes}. */
export interface EnsureIndexesOptions {
  /** Told when an index of an older version (same key, other name or options) is replaced by the declared one; default nothing. */
  onReplace?: (collection: string, oldIndex: string, newIndex: string) => void;
}

/**
 * Creates what the declared collections need: capped collections first, then every declared index, in order.
 * Idempotent and safe from several processes at once. An index of an older version on the same key (another
 * name, or not unique) is dropped and replaced by the declared one.
 */
export async function ensureIndexes(db: Db, specs: readonly CollectionSpec[], options: EnsureIndexesOptions = {}): Promise<void> {
  for (const spec of specs) {
    if (spec.capped !== undefined) {
      try {
        await db.createCollection(spec.name, { capped: true, size: spec.capped.sizeBytes, max: spec.capped.maxDocuments });
      } catch (error) {
        if ((error as { code?: number }).code !== NAMESPACE_EXISTS) throw error;
      }
    }
    const collection = db.collection(spec.bucket === true ? `${spec.name}.files` : spec.name);
    for (const index of spec.indexes) await createIndex(collection, index, options);
  }
}

async function createIndex(collection: Collection<Document>, index: IndexSpec, options: EnsureIndexesOptions): Promise<void> {
  const create = () => collection.createIndex({ ...index.key }, { name: index.name, ...(index.unique === true ? { unique: true } : {}) });
  try {
    await create();
  } catch (error) {
    if ((error as { code?: number }).code !== INDEX_OPTIONS_CONFLICT) throw error;
    const key = JSON.stringify(index.key);
    const old = (await collection.indexes()).find((existing) => JSON.stringify(existing.key) === key && existing.name !== index.name);
    if (old?.name === undefined) throw error;
    options.onReplace?.(collection.collectionName, old.name, index.name);
    await collection.dropIndex(old.name).catch(() => undefined);
    await create();
  }
}
