import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/** A stored file is not there, has a chunk missing, or belongs to another tenant: no retry brings it back. */
export class FileUnavailableError extends StorageError {
  override readonly name = 'FileUnavailableError';
  readonly code = StorageErrorCode.FileUnavailable;
}
