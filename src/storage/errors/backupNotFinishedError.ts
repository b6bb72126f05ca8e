import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/** A backup that has not finished (or did not succeed) cannot be restored yet. */
export class BackupNotFinishedError extends StorageError {
  override readonly name = 'BackupNotFinishedError';
  readonly code = StorageErrorCode.BackupNotFinished;
}
