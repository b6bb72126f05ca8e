import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A string that cannot be a job id. */
export class InvalidJobIdError extends EngineError {
  override readonly name = 'InvalidJobIdError';
  readonly code = EngineErrorCode.InvalidJobId;
}
