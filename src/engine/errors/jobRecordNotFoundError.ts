import { NonRetryableError } from './nonRetryableError.ts';

/** Code of {@link JobRecordNotFoundError}. */
export const JOB_RECORD_NOT_FOUND = 'RECORD_NOT_FOUND';

/**
 * A record a job's input names (a backup, an org, an export, …) is not in the job's tenant: it does
 * not exist, or it is another tenant's (the run cannot tell, and must not). No retry finds it: the
 * attempt fails at once, before anything is written or called, and the job goes to the debug queue
 * (or `FAILED`). Code `RECORD_NOT_FOUND`.
 */
export class JobRecordNotFoundError extends NonRetryableError {
  override readonly name = 'JobRecordNotFoundError';

  constructor(kind: string, id: string) {
    super(`${kind} ${id} not found in the job's tenant`, { code: JOB_RECORD_NOT_FOUND });
  }
}
