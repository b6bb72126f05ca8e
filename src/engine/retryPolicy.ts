import { backoffStrategies, type BackoffStrategy } from 'agenda';
import type { BackoffSettings } from './jobType.ts';

/**
 * When a failed attempt runs again: Agenda's exponential strategy with jitter, driven by
 * longhaul's attempt count (which also counts attempts lost with their worker).
 */
export class RetryPolicy {
  private readonly strategy: BackoffStrategy;

  constructor(settings: Required<BackoffSettings>) {
    this.strategy = backoffStrategies.exponential({
      delay: settings.delayMs,
      factor: settings.factor,
      maxDelay: settings.maxDelayMs,
      jitter: settings.jitter,
      maxRetries: Number.MAX_SAFE_INTEGER,
    });
  }

  /** Delay before the attempt after `attempt`, or `null` once `maxAttempts` are spent. */
  delayAfter(attempt: number, maxAttempts: number, error: Error, jobName: string): number | null {
    if (attempt >= maxAttempts) return null;
    return this.strategy({ attempt, error, jobName, jobData: undefined });
  }
}
