import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** An exception thrown inside a job escaped to the process (e.g. from a timer). */
export class UncaughtExceptionError extends EngineError {
  override readonly name = 'UncaughtExceptionError';
  readonly code = EngineErrorCode.UncaughtException;
}
