import { StorageError, StorageErrorCode } from './storageErrorCode.ts';

/**
 * A backup of the org is already running: one backup per org at a time. `jobId` is the running backup's job
 * (`null` in the instant between its record and its job). Not permanent for a job: the other backup ends.
 */
export class BackupRunningError extends StorageError {
  override readonly name = 'BackupRunningError';
  readonly code = StorageErrorCode.BackupRunning;
  override readonly permanent: boolean = false;

  constructor(
    readonly orgId: string,
    readonly backupId: string,
    readonly jobId: string | null,
  ) {
    super(`a backup of org ${orgId} is already running (job ${jobId ?? 'being created'})`);
  }
}
