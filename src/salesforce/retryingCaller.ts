import { setTimeout as sleep } from 'node:timers/promises';
import { SalesforceUnavailableError } from './errors/index.ts';

/**
 * The defaults of {@link RetryingCaller}, one set for every job that calls Salesforce (backup, restore).
 * With them a call is tried 6 times, waiting 0.5, 1, 2, 4 and 8 s between the tries (15.5 s in all).
 */
export const RETRYING_CALLER_DEFAULTS = {
  /** Tries of one call failing with a retryable error before that error is thrown (`LONGHAUL_BACKUP_CALL_TRIES`). */
  tries: 6,
  /** First delay between tries in ms, doubling after each (`LONGHAUL_BACKUP_CALL_BACKOFF_MS`). */
  backoffMs: 500,
  /** Longest delay between tries in ms. */
  maxBackoffMs: 30_000,
} as const;

/** Where the caller says that it retries (a job's logger fits). */
export interface RetryLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@link RetryingCaller}; defaults in {@link RETRYING_CALLER_DEFAULTS}. */
export interface RetryingCallerOptions {
  /** Ends a wait between tries (and every later try) with its reason. */
  signal: AbortSignal;
  logger: RetryLogger;
  /** Tries of one call failing with a retryable error; default 6. */
  tries?: number;
  /** First delay between tries, doubling; default 500 ms. */
  backoffMs?: number;
  /** Longest delay between tries; default 30,000 ms. */
  maxBackoffMs?: number;
  /** Runs before every try, the first included (a backup's API budget check); default none. */
  beforeCall?: () => Promise<void>;
}

/**
 * Runs the Salesforce calls of a job, retrying those that failed with a `SalesforceUnavailableError`
 * (503 and other 5xx, `REQUEST_LIMIT_EXCEEDED`, `UNABLE_TO_LOCK_ROW`, requests that never answered,
 * network failures: see `classifySalesforceError`) after an exponential backoff. Everything else
 * (`SalesforceRequestRejectedError`, `SessionExpiredError` once the client could not renew the session,
 * any other error) is thrown at once, as is the last retryable one. The signal ends a wait and stops
 * further tries.
 */
export class RetryingCaller {
  private readonly tries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: RetryingCallerOptions) {
    this.tries = options.tries ?? RETRYING_CALLER_DEFAULTS.tries;
    this.backoffMs = options.backoffMs ?? RETRYING_CALLER_DEFAULTS.backoffMs;
    this.maxBackoffMs = options.maxBackoffMs ?? RETRYING_CALLER_DEFAULTS.maxBackoffMs;
    if (!Number.isInteger(this.tries) || this.tries < 1) throw new RangeError(`tries must be an integer of at least 1, got ${this.tries}`);
    if (this.backoffMs < 0 || this.maxBackoffMs < 0) throw new RangeError('backoffMs and maxBackoffMs must not be negative');
  }

  /** The wait before retry `round` (from 0): `backoffMs * 2^round`, at most `maxBackoffMs`. */
  delayOf(round: number): number {
    return Math.min(this.maxBackoffMs, this.backoffMs * 2 ** round);
  }

  /** Waits the backoff of retry `round` (from 0); the signal ends the wait and throws its reason. */
  async pause(round: number): Promise<void> {
    await sleep(this.delayOf(round), undefined, { signal: this.options.signal }).catch(() => undefined);
    this.throwIfAborted();
  }

  /**
   * Runs `body` until it succeeds, fails for good, or the tries are spent. `what` names the call in the
   * log line of each retry. Before each retry, `beforeRetry` may adjust what is sent again (a create
   * reconciles with the org first, so records that did arrive are not sent twice).
   */
  async call<T>(what: string, body: () => Promise<T>, beforeRetry?: () => Promise<void>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.throwIfAborted();
      await this.options.beforeCall?.();
      try {
        return await body();
      } catch (error) {
        if (!(error instanceof SalesforceUnavailableError) || attempt >= this.tries) throw error;
        const delay = this.delayOf(attempt - 1);
        this.options.logger.warn(`${what}: ${error.sfErrorCode}; try ${attempt + 1}/${this.tries} in ${delay} ms`, { code: error.sfErrorCode });
        await this.pause(attempt - 1);
        await beforeRetry?.();
      }
    }
  }

  private throwIfAborted(): void {
    if (this.options.signal.aborted) throw this.options.signal.reason;
  }
}
