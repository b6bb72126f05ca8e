/**
 * Which errors skip retries and go straight to the debug queue: a list of error `code`s or `name`s
 * (e.g. `['VALIDATION_FAILED']`), or a predicate over the error.
 */
export type StraightToDebugRule = readonly string[] | ((error: Error) => boolean);

/**
 * How a job type uses the debug queue (state `DEBUG`), where jobs that ran out of attempts wait for
 * an operator (rerun with debug logs, requeue, or discard) instead of ending `FAILED`.
 */
export interface DebugQueueSettings {
  /** Jobs out of attempts go to the debug queue; `false`: they end `FAILED`. Default `true`. */
  enabled?: boolean;
  /**
   * Errors no retry will fix: the attempt goes straight to the debug queue (or `FAILED` when disabled)
   * without retries. A `NonRetryableError` (or a `ZodError`) always does. Default: none beyond those.
   */
  straightToDebug?: StraightToDebugRule;
}
