import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { deleteByIds, type DeleteBatches } from '../db/deleteBatches.ts';

/** What happened to a record between two backups of its object. */
export const ChangeKind = { Created: 'CREATED', Updated: 'UPDATED', Deleted: 'DELETED' } as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

/** Every {@link ChangeKind}, in a fixed order. */
export const CHANGE_KINDS: readonly ChangeKind[] = [ChangeKind.Created, ChangeKind.Updated, ChangeKind.Deleted];

/** Most Ids one chunk holds (18-character Ids: about 20 KB a document). */
export const CHANGE_CHUNK_SIZE = 1000;

/** What {@link BackupChangeStore.removeBackup} reads of an object's recorded changes: its chunks per kind. */
export interface BackupObjectChunkCounts {
  chunks: Record<ChangeKind, number>;
}

/** One chunk of changed Ids, as stored in `backupChanges`. */
export interface BackupChangeChunkDocument {
  /** `<backupId>/<object>/<kind>/<chunk>`: every read is an `_id` lookup. */
  _id: string;
  tenantId: string;
  backupId: string;
  object: string;
  kind: ChangeKind;
  chunk: number;
  /** At most {@link CHANGE_CHUNK_SIZE} Ids, in Id order within the chunk. */
  ids: string[];
}

/**
 * The `backupChanges` collection: the Ids of the records created, updated and deleted in a backup
 * (against the previous backup of each object), in chunks of at most {@link CHANGE_CHUNK_SIZE} Ids numbered
 * from 0 per backup, object and kind. The backup's object entry records how many chunks there are
 * (`changes.chunks`), so listing walks chunks by `_id` and never scans. A resumed backup rewrites chunks
 * from the number its checkpoint saved (deterministic ids: each Id is stored once). Tenant-scoped.
 */
export class BackupChangeStore {
  /** The `backupChanges` collection: read and written by `_id` only. */
  static readonly collection: CollectionSpec = {
    name: 'backupChanges',
    holds: 'a chunk of the Ids created, updated or deleted in a backup of an object, `_id` `<backupId>/<object>/<kind>/<chunk>`',
    indexes: [],
  };

  private readonly chunks: Collection<BackupChangeChunkDocument>;

  constructor(db: Db) {
    this.chunks = db.collection<BackupChangeChunkDocument>(BackupChangeStore.collection.name);
  }

  /** Id of chunk `chunk` of `kind` in `object` of `backupId`. */
  static chunkId(backupId: string, object: string, kind: ChangeKind, chunk: number): string {
    return `${backupId}/${object}/${kind}/${chunk}`;
  }

  /** Writes (or rewrites) one chunk. */
  async write(tenantId: string, backupId: string, object: string, kind: ChangeKind, chunk: number, ids: readonly string[]): Promise<void> {
    if (ids.length > CHANGE_CHUNK_SIZE) throw new RangeError(`a change chunk holds at most ${CHANGE_CHUNK_SIZE} Ids (got ${ids.length})`);
    const _id = BackupChangeStore.chunkId(backupId, object, kind, chunk);
    await this.chunks.replaceOne({ _id }, { tenantId, backupId, object, kind, chunk, ids: [...ids] }, { upsert: true });
  }

  /** The Ids of one chunk of the tenant's, or `null` when there is none. */
  async read(tenantId: string, backupId: string, object: string, kind: ChangeKind, chunk: number): Promise<string[] | null> {
    const doc = await this.chunks.findOne({ _id: BackupChangeStore.chunkId(backupId, object, kind, chunk), tenantId });
    return doc?.ids ?? null;
  }

  /** Removes every chunk of `object` in `backupId` (an object that failed; a pruned backup: {@link removeBackup}): `_id` lookups, no scan. */
  async removeObject(tenantId: string, backupId: string, object: string): Promise<void> {
    for (const kind of CHANGE_KINDS) await this.removeFrom(tenantId, backupId, object, kind, 0);
  }

  /**
   * Removes every chunk of a backup (a backup pruned), given its objects as recorded: the chunks each object's
   * `changes.chunks` counts, `batches.size` `_id`s per delete (`batches.between` after each), then one delete of
   * the chunk just past each count, and only where that found something (left by a run that stopped: an object
   * that did not finish, a backup whose job died), the rest of that run up to the first missing chunk. Chunks of
   * one object and kind are numbered without gaps, so nothing past the first missing one exists. `_id` lookups
   * only, no scan. Returns how many chunks it removed.
   */
  async removeBackup(tenantId: string, backupId: string, objects: readonly { name: string; changes?: BackupObjectChunkCounts | null }[], batches: DeleteBatches): Promise<number> {
    const counted: string[] = [];
    const past: { object: string; kind: ChangeKind; chunk: number }[] = [];
    for (const object of objects) {
      for (const kind of CHANGE_KINDS) {
        const chunks = object.changes?.chunks[kind] ?? 0;
        for (let chunk = 0; chunk < chunks; chunk++) counted.push(BackupChangeStore.chunkId(backupId, object.name, kind, chunk));
        past.push({ object: object.name, kind, chunk: chunks });
      }
    }
    let removed = await deleteByIds(this.chunks, counted, batches, { tenantId });
    const pastIds = past.map((p) => BackupChangeStore.chunkId(backupId, p.object, p.kind, p.chunk));
    const leftovers = await deleteByIds(this.chunks, pastIds, batches, { tenantId });
    removed += leftovers;
    if (leftovers > 0) {
      // Rare: find which runs went past their count, and remove the rest of each.
      for (const p of past) removed += await this.removeFrom(tenantId, backupId, p.object, p.kind, p.chunk + 1);
    }
    return removed;
  }

  /** Removes chunks `fromChunk`, `fromChunk + 1`, … up to the first missing one (left by a run that stopped before its checkpoint); returns how many. */
  async removeFrom(tenantId: string, backupId: string, object: string, kind: ChangeKind, fromChunk: number): Promise<number> {
    for (let chunk = fromChunk; ; chunk++) {
      const { deletedCount } = await this.chunks.deleteOne({ _id: BackupChangeStore.chunkId(backupId, object, kind, chunk), tenantId });
      if (deletedCount === 0) return chunk - fromChunk;
    }
  }
}
