import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/** A backup policy that cannot be stored as given (a bad time, zone, count); `issues` name each field. */
export class InvalidBackupPolicyError extends StorageError {
  override readonly name = 'InvalidBackupPolicyError';
  readonly code = StorageErrorCode.InvalidBackupPolicy;

  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid backup policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}
