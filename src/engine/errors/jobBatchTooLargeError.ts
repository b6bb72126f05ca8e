import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A batch of jobs (`JobService.createMany`) holds more items than `LONGHAUL_CREATE_JOBS_MAX`; nothing was written. */
export class JobBatchTooLargeError extends EngineError {
  override readonly name = 'JobBatchTooLargeError';
  readonly code = EngineErrorCode.JobBatchTooLarge;
  constructor(
    message: string,
    /** The most items a batch may hold. */
    readonly limit: number,
  ) {
    super(message);
  }
}
