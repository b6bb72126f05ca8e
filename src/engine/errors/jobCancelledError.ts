import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The job was cancelled by a client while it ran. */
export class JobCancelledError extends EngineError {
  override readonly name = 'JobCancelledError';
  readonly code = EngineErrorCode.JobCancelled;
}
