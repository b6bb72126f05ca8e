import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/** No backup with the given id (or not one of the caller's). */
export class BackupNotFoundError extends StorageError {
  override readonly name = 'BackupNotFoundError';
  readonly code = StorageErrorCode.BackupNotFound;
}
