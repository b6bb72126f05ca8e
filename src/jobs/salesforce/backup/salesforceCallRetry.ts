import { setTimeout as sleep } from 'node:timers/promises';
import type { JobLogger } from '../../../engine/jobContext.ts';
import { SalesforceUnavailableError } from '../../../salesforce/index.ts';

/** Options of {@link SalesforceCallRetry}. */
export interface SalesforceCallRetryOptions {
  /** Tries of one call failing with a retryable error before the error is thrown; default 6. */
  tries?: number;
  /** First delay between tries, doubling each time; default 500 ms. */
  backoffMs?: number;
  /** Longest delay between tries; default 30,000 ms. */
  maxBackoffMs?: number;
  /** Runs before every try (the API budget check). */
  beforeCall?: () => Promise<void>;
  signal: AbortSignal;
  logger: JobLogger;
}

/**
 * Runs Salesforce calls of a job, retrying the retryable ones (`SalesforceUnavailableError`: 503,
 * `REQUEST_LIMIT_EXCEEDED`, `UNABLE_TO_LOCK_ROW`, timeouts, network) with exponential backoff.
 * Permanent errors and expired sessions that could not renew are thrown at once. The job's
 * signal ends a wait.
 */
export class SalesforceCallRetry {
  private readonly tries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: SalesforceCallRetryOptions) {
    this.tries = options.tries ?? 6;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    if (this.tries < 1) throw new RangeError('tries must be at least 1');
  }

  /** Runs `body` until it succeeds, fails for good, or the tries are spent. */
  async run<T>(what: string, body: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.throwIfAborted();
      await this.options.beforeCall?.();
      try {
        return await body();
      } catch (error) {
        if (!(error instanceof SalesforceUnavailableError) || attempt >= this.tries) throw error;
        const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (attempt - 1));
        this.options.logger.warn(`${what}: ${error.sfErrorCode}; try ${attempt + 1}/${this.tries} in ${delay} ms`, { code: error.sfErrorCode });
        await sleep(delay, undefined, { signal: this.options.signal }).catch(() => undefined);
      }
    }
  }

  private throwIfAborted(): void {
    if (this.options.signal.aborted) throw this.options.signal.reason;
  }
}
