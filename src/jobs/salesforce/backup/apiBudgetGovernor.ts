import { setTimeout as sleep } from 'node:timers/promises';
import type { JobLogger } from '../../../engine/jobContext.ts';
import type { ApiBudget, SalesforceClient } from '../../../salesforce/index.ts';

/** Options of {@link ApiBudgetGovernor}. */
export interface ApiBudgetGovernorOptions {
  client: Pick<SalesforceClient, 'limits' | 'apiUsage'>;
  /** Share (0..1] of the org's daily API requests that may be used, by everyone; default 0.5. */
  share?: number;
  /** How often a paused job reads the limits again; default 60,000 ms. Also the basis of the slow-down delay. */
  checkMs?: number;
  /** Stores a budget read (the org's `apiBudget`). */
  record?: (budget: ApiBudget) => Promise<void>;
  /** Told when the job pauses (`true`) and goes on (`false`). */
  onPause?: (paused: boolean, budget: ApiBudget) => void;
  signal: AbortSignal;
  logger: JobLogger;
}

/** Fraction of the allowed share past which every call is slowed down. */
const SLOW_DOWN_FROM = 0.9;

/**
 * Keeps a job within a share of its org's daily API requests. Before every call it looks at the
 * usage Salesforce reported with its last answer (`Sforce-Limit-Info`, free); past 90% of the
 * allowed share it waits `checkMs / 10` between calls, and at the share it pauses, reading the
 * `limits` resource every `checkMs` until usage is back under the share (the rolling 24-hour
 * window moves, or the org's allowance grew).
 */
export class ApiBudgetGovernor {
  private readonly share: number;
  private readonly checkMs: number;
  private last: ApiBudget | null = null;
  /** The header usage when the limits were last read: until a newer answer changes it, the limits read is fresher. */
  private headerAtRefresh: ApiBudget | null = null;

  constructor(private readonly options: ApiBudgetGovernorOptions) {
    this.share = options.share ?? 0.5;
    this.checkMs = options.checkMs ?? 60_000;
    if (!(this.share > 0 && this.share <= 1)) throw new RangeError(`share must be in (0, 1], got ${this.share}`);
  }

  /** Reads the limits now (one call that Salesforce does not count) and stores them. */
  async refresh(): Promise<ApiBudget> {
    const budget = await this.options.client.limits();
    this.last = budget;
    this.headerAtRefresh = this.options.client.apiUsage();
    await this.options.record?.(budget).catch(() => undefined);
    return budget;
  }

  /** Waits as long as the budget requires before the next call. */
  async beforeCall(): Promise<void> {
    const header = this.options.client.apiUsage();
    const headerIsNewer = header !== null && (this.headerAtRefresh === null || header.max !== this.headerAtRefresh.max || header.remaining !== this.headerAtRefresh.remaining);
    let budget = (headerIsNewer ? header : this.last) ?? (await this.refresh());
    if (budget.max <= 0) return;
    if (this.usedShare(budget) < SLOW_DOWN_FROM) return;
    if (this.usedShare(budget) < 1) {
      await this.wait(Math.round(this.checkMs / 10));
      return;
    }
    this.options.logger.warn(`API budget: ${budget.max - budget.remaining}/${budget.max} requests used, over ${Math.round(this.share * 100)}%: pausing`, { ...budget });
    this.options.onPause?.(true, budget);
    while (this.usedShare(budget) >= 1) {
      await this.wait(this.checkMs);
      budget = await this.refresh();
    }
    this.options.logger.info(`API budget: ${budget.max - budget.remaining}/${budget.max} requests used: going on`, { ...budget });
    this.options.onPause?.(false, budget);
  }

  /** Used requests as a fraction of the allowed share (1: the share is spent). */
  private usedShare(budget: ApiBudget): number {
    return (budget.max - budget.remaining) / (this.share * budget.max);
  }

  private async wait(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.options.signal }).catch(() => undefined);
    if (this.options.signal.aborted) throw this.options.signal.reason;
  }
}
