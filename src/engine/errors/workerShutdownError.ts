import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The worker is shutting down; the job is put back in the queue. */
export class WorkerShutdownError extends EngineError {
  override readonly name = 'WorkerShutdownError';
  readonly code = EngineErrorCode.WorkerShutdown;
}
