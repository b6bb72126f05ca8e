import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A debug-queue action on a job that is not in the debug queue (state `DEBUG`). */
export class JobNotInDebugQueueError extends EngineError {
  override readonly name = 'JobNotInDebugQueueError';
  readonly code = EngineErrorCode.JobNotInDebugQueue;
}
