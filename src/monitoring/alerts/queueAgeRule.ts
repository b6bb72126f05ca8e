import type { QueueStatsReader } from '../stats/queueStatsReader.ts';
import type { ActiveCondition, AlertRule } from './alertRule.ts';

/** `QUEUE_AGE`: the oldest due QUEUED job (any tenant) has waited longer than the threshold. */
export class QueueAgeRule implements AlertRule {
  readonly name = 'queue-age';
  readonly kind = 'QUEUE_AGE' as const;

  constructor(private readonly options: { stats: QueueStatsReader; thresholdSeconds: number }) {}

  async active(): Promise<ActiveCondition[]> {
    const age = await this.options.stats.oldestQueuedAgeSeconds(null);
    if (age === null || age <= this.options.thresholdSeconds) return [];
    return [{ key: 'all', tenantId: null, message: `the oldest queued job has waited ${Math.round(age)} s (threshold ${this.options.thresholdSeconds} s)` }];
  }
}
