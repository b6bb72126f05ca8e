/**
 * Thrown by a job for a failure no retry will fix (invalid data, a rejected request): the attempt skips
 * its retries and the job goes straight to the debug queue (or ends `FAILED` if its type opted out).
 * `code` is recorded with the error; default `NON_RETRYABLE`.
 */
export class NonRetryableError extends Error {
  override readonly name: string = 'NonRetryableError';
  readonly code: string;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'NON_RETRYABLE';
  }
}
