import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/** No restore or export with that id in the caller's tenant (another tenant's does not exist for the caller). */
export class RecordNotFoundError extends StorageError {
  override readonly name = 'RecordNotFoundError';
  readonly code = StorageErrorCode.RecordNotFound;
}
