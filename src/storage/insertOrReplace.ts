import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId, type WriteError } from 'mongodb';

/** MongoDB's duplicate key error code. */
const DUPLICATE_KEY = 11000;

/**
 * Stores documents keyed by `_id`: one `insertMany` command in the usual case, and a `replaceOne`
 * by `_id` for each one that already exists (a batch written again after a crash). Cheaper on
 * FerretDB than a batch of upserts or a `deleteMany` with `_id: {$in}`, which its SQLite backend
 * answers by scanning the collection.
 */
export async function insertOrReplace<T extends Document & { _id: string }>(collection: Collection<T>, docs: readonly T[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany(docs as OptionalUnlessRequiredId<T>[], { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors: WriteError[] = [error.writeErrors].flat();
    if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    for (const e of errors) {
      const doc = docs[e.index]!;
      await collection.replaceOne({ _id: doc._id } as never, doc);
    }
  }
}
