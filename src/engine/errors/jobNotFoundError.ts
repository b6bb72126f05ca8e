import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** No job with that id in the caller's tenant. */
export class JobNotFoundError extends EngineError {
  override readonly name = 'JobNotFoundError';
  readonly code = EngineErrorCode.JobNotFound;
}
