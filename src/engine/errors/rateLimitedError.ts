import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The tenant created more jobs this minute than its rate allows; it may try again after `retryAfterSeconds`. */
export class RateLimitedError extends EngineError {
  override readonly name = 'RateLimitedError';
  readonly code = EngineErrorCode.RateLimited;
  constructor(
    message: string,
    /** Whole seconds until the tenant may create jobs again (at least 1). */
    readonly retryAfterSeconds: number,
    /** The limit that was reached, per minute. */
    readonly limit: number,
  ) {
    super(message);
  }
}
