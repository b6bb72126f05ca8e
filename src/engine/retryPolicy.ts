import type { BackoffSettings } from './jobType.ts';

/**
 * When a failed attempt runs again: an exponential backoff with jitter (the formula of Agenda's `exponential`
 * strategy), driven by longhaul's attempt count (which also counts attempts lost with their worker).
 */
export class RetryPolicy {
  constructor(private readonly settings: Required<BackoffSettings>) {}

  /**
   * Delay before the attempt after `attempt`, or `null` once `maxAttempts` are spent: `delayMs × factor^(attempt − 1)`,
   * at most `maxDelayMs`, moved by up to ±`jitter` of itself at random (never below 0).
   */
  delayAfter(attempt: number, maxAttempts: number): number | null {
    if (attempt >= maxAttempts) return null;
    const { delayMs, factor, maxDelayMs, jitter } = this.settings;
    const delay = Math.min(delayMs * Math.pow(factor, attempt - 1), maxDelayMs);
    if (jitter <= 0) return delay;
    return Math.max(0, Math.round(delay + delay * jitter * (Math.random() * 2 - 1)));
  }
}
