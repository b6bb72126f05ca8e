import type { Db } from 'mongodb';
import type { CollectionSpec } from './collectionSpec.ts';

/**
 * Creates the indexes the stores declare (see {@link CollectionSpec}). Idempotent; every index is a plain
 * ascending/descending one (no partial, TTL or sparse indexes: they must work on FerretDB and DocumentDB).
 */
export async function ensureIndexes(db: Db, specs: readonly CollectionSpec[]): Promise<void> {
  for (const spec of specs) {
    const collection = db.collection(spec.name);
    for (const index of spec.indexes) await collection.createIndex(index.key, index.options);
  }
}
