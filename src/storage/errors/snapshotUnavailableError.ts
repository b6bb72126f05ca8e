import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/** A snapshot cannot be reconstructed: the object was not backed up completely in the backup or in one its chain needs. */
export class SnapshotUnavailableError extends StorageError {
  override readonly name = 'SnapshotUnavailableError';
  readonly code = StorageErrorCode.SnapshotUnavailable;
}
