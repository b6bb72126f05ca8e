import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link retryUntil}. */
export interface RetryUntilOptions {
  /** No try starts after this time (ms since the epoch); the first try always runs. Required. */
  deadline: number;
  /** Pause after the first failed try, doubling after each; default 250 ms. */
  initialDelayMs?: number;
  /** Longest pause; default 5000 ms. */
  maxDelayMs?: number;
  /** Called after each failed try (to log it); default nothing. */
  onError?: (error: unknown, tries: number) => void;
}

/** What {@link retryUntil} came to: the action's value, or the last error once the deadline passed. */
export type RetryUntilOutcome<T> = { kind: 'done'; value: T; tries: number } | { kind: 'expired'; error: unknown; tries: number };

/**
 * Runs `action` until it resolves, pausing with doubling backoff after each failure, and gives up once
 * the next try would start after `deadline`. Never throws.
 */
export async function retryUntil<T>(action: () => Promise<T>, options: RetryUntilOptions): Promise<RetryUntilOutcome<T>> {
  const maxDelayMs = options.maxDelayMs ?? 5000;
  let delay = options.initialDelayMs ?? 250;
  for (let tries = 1; ; tries++) {
    try {
      return { kind: 'done', value: await action(), tries };
    } catch (error) {
      options.onError?.(error, tries);
      const left = options.deadline - Date.now();
      if (left <= 0) return { kind: 'expired', error, tries };
      await sleep(Math.min(delay, left));
      delay = Math.min(maxDelayMs, delay * 2);
    }
  }
}
