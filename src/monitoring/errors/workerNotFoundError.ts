import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** No registered process has this id. */
export class WorkerNotFoundError extends LivenessError {
  override readonly name = 'WorkerNotFoundError';
  readonly code = LivenessErrorCode.WorkerNotFound;
}
