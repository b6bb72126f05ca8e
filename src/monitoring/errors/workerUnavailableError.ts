import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** The process is registered but not alive (stopped or lost): it cannot answer. */
export class WorkerUnavailableError extends LivenessError {
  override readonly name = 'WorkerUnavailableError';
  readonly code = LivenessErrorCode.WorkerUnavailable;
}
