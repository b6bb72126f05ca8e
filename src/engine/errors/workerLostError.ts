import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The worker running the attempt died or stopped heartbeating; the attempt counts and the job resumes from its checkpoint. */
export class WorkerLostError extends EngineError {
  override readonly name = 'WorkerLostError';
  readonly code = EngineErrorCode.WorkerLost;
}
