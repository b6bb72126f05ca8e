import { ZodError } from 'zod';
import { NonRetryableError } from './nonRetryableError.ts';

/**
 * An error that says of itself that no retry can fix it, without importing the engine: layers below it
 * (storage, Salesforce) mark their permanent errors with `permanent = true` and the engine's failure router
 * skips their retries, as it does for {@link NonRetryableError}.
 */
export interface PermanentFailure {
  readonly permanent: true;
}

/** Whether a failed attempt's error is one no retry can fix: a {@link NonRetryableError}, a `ZodError`, or a {@link PermanentFailure}. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof NonRetryableError || error instanceof ZodError) return true;
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}
