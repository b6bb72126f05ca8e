/**
 * Thrown to the scheduler (Agenda) by a run that failed and will be retried: it carries the delay the
 * retry policy chose, which the job type's Agenda backoff strategy hands back. Never reaches clients.
 */
export class RetryScheduledError extends Error {
  override readonly name = 'RetryScheduledError';
  constructor(
    readonly delayMs: number,
    override readonly cause: Error,
  ) {
    super(`retry in ${delayMs} ms: ${cause.message}`);
  }
}
