import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';

/** What happened to a record between two backups of its object. */
export const ChangeKind = { Created: 'CREATED', Updated: 'UPDATED', Deleted: 'DELETED' } as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

/** Every {@link ChangeKind}, in a fixed order. */
export const CHANGE_KINDS: readonly ChangeKind[] = [ChangeKind.Created, ChangeKind.Updated, ChangeKind.Deleted];

/** Most Ids one chunk holds (18-character Ids: about 20 KB a document). */
export const CHANGE_CHUNK_SIZE = 1000;

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

  /** Removes every chunk of `object` in `backupId` (an object that failed, a backup pruned): `_id` lookups, no scan. */
  async removeObject(tenantId: string, backupId: string, object: string): Promise<void> {
    for (const kind of CHANGE_KINDS) await this.removeFrom(tenantId, backupId, object, kind, 0);
  }

  /** Removes chunks `fromChunk`, `fromChunk + 1`, … up to the first missing one (left by a run that stopped before its checkpoint). */
  async removeFrom(tenantId: string, backupId: string, object: string, kind: ChangeKind, fromChunk: number): Promise<void> {
    for (let chunk = fromChunk; ; chunk++) {
      const { deletedCount } = await this.chunks.deleteOne({ _id: BackupChangeStore.chunkId(backupId, object, kind, chunk), tenantId });
      if (deletedCount === 0) return;
    }
  }
}
