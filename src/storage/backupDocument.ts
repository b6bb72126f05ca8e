import { recordIdOf, type RecordKey } from '../db/recordId.ts';

/** How much a backup takes: everything, or what changed since the last successful backup. */
export const BackupMode = { Full: 'FULL', Incremental: 'INCREMENTAL' } as const;
export type BackupMode = (typeof BackupMode)[keyof typeof BackupMode];

/** Where a backup is. `PARTIAL`: finished, but some objects failed (see their `error`). `CANCELLED`: its job was cancelled. */
export const BackupStatus = { Queued: 'QUEUED', Running: 'RUNNING', Succeeded: 'SUCCEEDED', Partial: 'PARTIAL', Failed: 'FAILED', Cancelled: 'CANCELLED' } as const;
export type BackupStatus = (typeof BackupStatus)[keyof typeof BackupStatus];

/** Where one object of a backup is. */
export const BackupObjectStatus = { Pending: 'PENDING', Running: 'RUNNING', Succeeded: 'SUCCEEDED', Failed: 'FAILED' } as const;
export type BackupObjectStatus = (typeof BackupObjectStatus)[keyof typeof BackupObjectStatus];

/** How an object's records were read: REST query paging or a Bulk API 2.0 query job. */
export const BackupReadMethod = { Rest: 'REST', Bulk: 'BULK' } as const;
export type BackupReadMethod = (typeof BackupReadMethod)[keyof typeof BackupReadMethod];

/**
 * What changed in an object since its previous backup (the last one in which it succeeded, before this
 * backup was created): records created, updated (stored content differs) and deleted, counted while the
 * backup stored them. The Ids are in `backupChanges`, `chunks[kind]` chunks per kind.
 */
export interface BackupObjectChanges {
  /** The backup compared with. */
  previousBackupId: string;
  /** Live records of the object in the previous backup's snapshot (the base of the shares alert rules use). */
  previousRecords: number;
  created: number;
  updated: number;
  deleted: number;
  /** Chunks of Ids stored in `backupChanges` per kind. */
  chunks: { CREATED: number; UPDATED: number; DELETED: number };
}

/**
 * One object of a backup: its records are stored in `parts` gzip NDJSON files, in Id order. In an
 * `INCREMENTAL` object the records are those changed since `changesSince`, deleted ones included
 * with `IsDeleted: true`; `baseBackupId` names the backup it builds on (see `readBackupSnapshot`).
 */
export interface BackupObjectEntry {
  name: string;
  status: BackupObjectStatus;
  /** `FULL` (every live record) or `INCREMENTAL` (changes and deletions since `changesSince`); absent on old documents: `FULL`. */
  mode?: BackupMode;
  /** The backup this object's changes apply to (`INCREMENTAL` only). */
  baseBackupId?: string | null;
  /** Lower bound (inclusive) of `SystemModstamp` of the records read (`INCREMENTAL` only), ISO text. */
  changesSince?: string | null;
  /** Where the next incremental backup of this object starts: when this object's read began, minus the clock-skew margin. */
  watermark?: string | null;
  /** REST or Bulk 2.0, once chosen. */
  method?: BackupReadMethod | null;
  /** Deleted records stored (with `IsDeleted: true`; `INCREMENTAL` only). */
  deletedRecords?: number;
  /** `SELECT COUNT()` when the backup started. */
  estimatedRecords: number | null;
  records: number;
  /** Compressed bytes stored. */
  bytes: number;
  parts: number;
  /** sha256 (hex) of the object's uncompressed NDJSON, parts in order; set when the object is done. */
  sha256: string | null;
  error: { code: string; message: string } | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Changes since the object's previous backup; `null`/absent: none to compare with (first backup of the object) or not counted. */
  changes?: BackupObjectChanges | null;
}

/** A backup as stored in the `backups` collection. */
export interface BackupDocument {
  _id: RecordKey;
  tenantId: string;
  /** The longhaul org id. */
  orgId: string;
  jobId: string | null;
  mode: BackupMode;
  status: BackupStatus;
  /** Objects the client asked for; `null`: every queryable, replicateable object. */
  requestedObjects: string[] | null;
  objects: BackupObjectEntry[];
  /** Why the backup's job gave up (written when the job fails or is parked in the debug queue); absent on old documents. */
  error?: { code: string; message: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A backup as the domain hands it out. */
export type BackupView = Omit<BackupDocument, '_id'> & { id: string };

export function toBackupView(doc: BackupDocument): BackupView {
  const { _id, ...rest } = doc;
  return { id: recordIdOf(_id), ...rest };
}
