import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A job type no plugin registered. */
export class UnknownJobTypeError extends EngineError {
  override readonly name = 'UnknownJobTypeError';
  readonly code = EngineErrorCode.UnknownJobType;
}
