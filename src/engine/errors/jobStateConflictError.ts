import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The job's state does not allow the action (e.g. retrying a running job). */
export class JobStateConflictError extends EngineError {
  override readonly name = 'JobStateConflictError';
  readonly code = EngineErrorCode.JobStateConflict;
}
