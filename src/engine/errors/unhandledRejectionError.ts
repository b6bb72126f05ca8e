import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** A promise rejected inside a job with nobody awaiting it. */
export class UnhandledRejectionError extends EngineError {
  override readonly name = 'UnhandledRejectionError';
  readonly code = EngineErrorCode.UnhandledRejection;
}
