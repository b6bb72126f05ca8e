import { setTimeout as sleep } from 'node:timers/promises';
import { SalesforceUnavailableError } from '../../../salesforce/index.ts';
import type { JobLogger } from '../../../engine/jobContext.ts';

/** Options of {@link RetryingCaller}. */
export interface RetryingCallerOptions {
  /** Tries of one call failing with a retryable error before it throws; default 4. */
  tries?: number;
  /** First delay between tries; default 500 ms, doubling. */
  backoffMs?: number;
}

/** Runs Salesforce calls, retrying `SalesforceUnavailableError` with exponential backoff; the signal ends a wait. */
export class RetryingCaller {
  private readonly tries: number;
  private readonly backoffMs: number;

  constructor(
    private readonly signal: AbortSignal,
    private readonly logger: JobLogger,
    options: RetryingCallerOptions = {},
  ) {
    this.tries = options.tries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
  }

  /** Waits the backoff of retry `round` (from 0); the signal ends the wait and throws its reason. */
  async pause(round: number): Promise<void> {
    await sleep(this.backoffMs * 2 ** round, undefined, { signal: this.signal }).catch(() => undefined);
    if (this.signal.aborted) throw this.signal.reason;
  }

  /** Runs `body`; before each retry, `beforeRetry` may adjust what is sent again (a create reconciles first). */
  async call<T>(what: string, body: () => Promise<T>, beforeRetry?: () => Promise<void>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await body();
      } catch (error) {
        if (!(error instanceof SalesforceUnavailableError) || attempt >= this.tries) throw error;
        const delay = this.backoffMs * 2 ** (attempt - 1);
        this.logger.warn(`${what}: ${error.sfErrorCode}; try ${attempt + 1}/${this.tries} in ${delay} ms`, { code: error.sfErrorCode });
        await sleep(delay, undefined, { signal: this.signal }).catch(() => undefined);
        if (this.signal.aborted) throw this.signal.reason;
        await beforeRetry?.();
      }
    }
  }
}
