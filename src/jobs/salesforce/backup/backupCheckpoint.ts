import type { BackupObjectChanges } from '../../../storage/index.ts';

/** Where a backup is: the object being read and how far, saved after every page. */
export interface BackupCheckpoint {
  /** Index of the current object in the backup's object list. */
  index: number;
  /** Parts of the current object stored so far. */
  part: number;
  /** Records of the current object stored so far. */
  records: number;
  /** Deleted records (`IsDeleted: true`) among them (incremental objects). */
  deleted?: number;
  /** Compressed bytes of the current object stored so far. */
  bytes: number;
  /** REST: locator of the current object's next page; `null` before its first page. */
  nextRecordsUrl: string | null;
  /** Id of the last stored record: a lost locator or Bulk job is replaced by `WHERE Id > lastId`. */
  lastId: string | null;
  /** Bulk 2.0: the query job reading the current object. */
  bulkJobId?: string | null;
  /** Bulk 2.0: locator of the job's next result page; `null`: its first page. */
  bulkLocator?: string | null;
  /** Every page of the current object is stored; only finishing it (checksum, status) is left. */
  complete?: boolean;
  /** Records stored, all objects. */
  done: number;
  /**
   * Changes of the current object counted so far (see `BackupChangeTracker`); `null`: not counted (no
   * previous backup of the object); absent: not decided yet (the object has not started).
   */
  changes?: BackupObjectChanges | null;
}

/** The checkpoint of a backup that has not stored anything yet. */
export function initialCheckpoint(): BackupCheckpoint {
  return { index: 0, part: 0, records: 0, deleted: 0, bytes: 0, nextRecordsUrl: null, lastId: null, bulkJobId: null, bulkLocator: null, complete: false, done: 0 };
}

/** The checkpoint at the start of the object after `cp`'s. */
export function nextObjectCheckpoint(cp: BackupCheckpoint): BackupCheckpoint {
  return { ...initialCheckpoint(), index: cp.index + 1, done: cp.done };
}
