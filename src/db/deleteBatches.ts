import type { Collection, Document, Filter } from 'mongodb';

/**
 * How a retention sweep deletes: at most `size` documents per delete, each an `_id: {$in: [...]}` (indexed on
 * MongoDB and on our FerretDB build), and `between` awaited after each batch, so that a sweep of a million
 * documents is many short writes with pauses between them instead of one long one.
 */
export interface DeleteBatches {
  /** Documents per delete (at least 1; at most 10,000, what our FerretDB build looks up by index). */
  size: number;
  /** Awaited after every batch with how many it deleted (a pause, the lease renewed, a count); a throw stops the sweep. */
  between(deleted: number): Promise<void>;
}

/** Documents one scan of {@link deleteMatching} collects before deleting them batch by batch. */
const BATCHES_PER_SCAN = 10;

/**
 * Deletes the documents whose `_id` is in `ids`, `batches.size` at a time; `guard` is added to every delete (a
 * document that changed since it was picked, e.g. a job requeued, stays). Returns how many it deleted.
 */
export async function deleteByIds<T extends Document>(collection: Collection<T>, ids: readonly unknown[], batches: DeleteBatches, guard: Filter<T> = {}): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += batches.size) {
    const { deletedCount } = await collection.deleteMany({ ...guard, _id: { $in: ids.slice(i, i + batches.size) } });
    deleted += deletedCount;
    await batches.between(deletedCount);
  }
  return deleted;
}

/**
 * Deletes every document matching `filter`: one read of the matching `_id`s (a few batches' worth at a time,
 * a scan where `filter` pins no `_id`), then {@link deleteByIds}, until none matches. Returns how many it deleted.
 */
export async function deleteMatching<T extends Document>(collection: Collection<T>, filter: Filter<T>, batches: DeleteBatches): Promise<number> {
  let deleted = 0;
  for (;;) {
    const found = await collection.find(filter, { projection: { _id: 1 } }).limit(batches.size * BATCHES_PER_SCAN).toArray();
    if (found.length === 0) return deleted;
    const now = await deleteByIds(collection, found.map((d) => d._id), batches, filter);
    deleted += now;
    // Nothing of what was found could be deleted (it changed meanwhile): stop rather than loop on it.
    if (now === 0) return deleted;
  }
}
