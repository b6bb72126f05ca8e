import type { Collection, Db } from 'mongodb';
import { Collections } from '../../db/collections.ts';
import type { WorkerDocument } from '../workerDocument.ts';
import type { ActiveCondition, AlertRule, RuleClock } from './alertRule.ts';

/**
 * `NO_LIVE_WORKER`: no registered process with a worker role heartbeated within the threshold and is
 * still running. Holds off for one threshold after the evaluator starts, so workers starting alongside
 * the API have time to register.
 */
export class NoLiveWorkerRule implements AlertRule {
  readonly name = 'no-live-worker';
  readonly kind = 'NO_LIVE_WORKER' as const;
  private readonly workers: Collection<WorkerDocument>;

  constructor(
    db: Db,
    private readonly thresholdSeconds: number,
  ) {
    this.workers = db.collection<WorkerDocument>(Collections.workers);
  }

  async active(clock: RuleClock): Promise<ActiveCondition[]> {
    const freshSince = new Date(clock.now.getTime() - this.thresholdSeconds * 1000);
    if (clock.evaluatingSince > freshSince) return [];
    const live = await this.workers.countDocuments({ stoppedAt: null, heartbeatAt: { $gte: freshSince }, role: { $in: ['worker', 'all'] } });
    if (live > 0) return [];
    return [{ key: 'all', tenantId: null, message: `no live worker: none heartbeated in the last ${this.thresholdSeconds} s` }];
  }
}
