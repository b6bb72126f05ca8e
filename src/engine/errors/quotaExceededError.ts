import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The tenant already has as many jobs waiting to start as its quota allows; nothing was written. */
export class QuotaExceededError extends EngineError {
  override readonly name = 'QuotaExceededError';
  readonly code = EngineErrorCode.QuotaExceeded;
  constructor(
    message: string,
    /** The quota that was reached (jobs created and not yet started). */
    readonly limit: number,
  ) {
    super(message);
  }
}
