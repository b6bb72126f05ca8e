import type { QueueStatsReader } from '../stats/queueStatsReader.ts';
import type { ActiveCondition, AlertRule } from './alertRule.ts';

/** Options of {@link FailureRateRule}. */
export interface FailureRateRuleOptions {
  stats: QueueStatsReader;
  /** Share of failed finishes (0..1) at or over which it fires. */
  threshold: number;
  windowMinutes: number;
  /** Finished jobs the window needs before the rate counts. */
  minFinished: number;
}

/** `FAILURE_RATE`: failed / finished jobs of every tenant over the window reached the threshold. */
export class FailureRateRule implements AlertRule {
  readonly name = 'failure-rate';
  readonly kind = 'FAILURE_RATE' as const;

  constructor(private readonly options: FailureRateRuleOptions) {}

  async active(): Promise<ActiveCondition[]> {
    const { stats, threshold, windowMinutes, minFinished } = this.options;
    const rate = await stats.failureRate(null, windowMinutes);
    if (rate.finished < minFinished || rate.rate < threshold) return [];
    const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
    return [
      {
        key: 'all',
        tenantId: null,
        message: `failure rate ${percent(rate.rate)} (${rate.failed} of ${rate.finished} finished jobs) over the last ${windowMinutes} min, threshold ${percent(threshold)}`,
      },
    ];
  }
}
