import type { WorkerLiveness } from '../workerLiveness.ts';
import type { WorkerStore } from '../workerStore.ts';
import type { ActiveCondition, AlertRule, RuleClock } from './alertRule.ts';

/**
 * `NO_LIVE_WORKER`: no worker process has been alive ({@link WorkerLiveness}, the definition every part of
 * monitoring uses) for `thresholdSeconds`. The outage counts from the moment the last worker stopped counting
 * as alive (its last heartbeat plus the lost interval, or its graceful stop), and never from before the
 * evaluator started, so workers starting alongside the API have time to register.
 */
export class NoLiveWorkerRule implements AlertRule {
  readonly name = 'no-live-worker';
  readonly kind = 'NO_LIVE_WORKER' as const;
  constructor(
    private readonly workers: WorkerStore,
    private readonly liveness: WorkerLiveness,
    private readonly thresholdSeconds: number,
  ) {}

  async active(clock: RuleClock): Promise<ActiveCondition[]> {
    const now = clock.now.getTime();
    const thresholdMs = this.thresholdSeconds * 1000;
    if (now - clock.evaluatingSince.getTime() < thresholdMs) return [];
    const workers = await this.workers.workerRoleHeartbeats();
    if (workers.some((w) => this.liveness.isAlive(w, now))) return [];
    const lastAliveAt = Math.max(
      clock.evaluatingSince.getTime(),
      ...workers.map((w) => (w.stoppedAt ?? null) !== null ? w.stoppedAt!.getTime() : w.heartbeatAt.getTime() + this.liveness.lostAfterMs),
    );
    if (now - lastAliveAt < thresholdMs) return [];
    return [{ key: 'all', tenantId: null, message: `no live worker for ${Math.round((now - lastAliveAt) / 1000)} s (threshold ${this.thresholdSeconds} s)` }];
  }
}
