/** Stable codes of the storage layer's errors. */
export const StorageErrorCode = {
  /** No backup with that id. */
  BackupNotFound: 'BACKUP_NOT_FOUND',
  /** The backup (or a backup its chain needs) holds no complete copy of the object. */
  SnapshotUnavailable: 'SNAPSHOT_UNAVAILABLE',
  /** The backup has not finished (or failed): it cannot be restored. */
  BackupNotFinished: 'BACKUP_NOT_FINISHED',
  /** No restore or export with that id in the caller's tenant. */
  RecordNotFound: 'RECORD_NOT_FOUND',
  /** A stored file (backup part, export) is missing, incomplete, or not the tenant's. */
  FileUnavailable: 'FILE_UNAVAILABLE',
  /** A backup of the org is running: one backup per org at a time. */
  BackupRunning: 'BACKUP_RUNNING',
  /** A backup policy with a bad field (time, zone, counts). */
  InvalidBackupPolicy: 'INVALID_BACKUP_POLICY',
} as const;
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

/**
 * Base of every storage-layer error: a stable {@link StorageErrorCode}. `permanent`: no retry can fix it (the
 * record or file is not there, or not in a state that allows the operation); the engine's failure router then
 * skips the job's retries (see `PermanentFailure` in the engine).
 */
export abstract class StorageError extends Error {
  abstract readonly code: StorageErrorCode;
  readonly permanent: boolean = true;
}
