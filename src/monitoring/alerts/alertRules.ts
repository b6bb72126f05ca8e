import type { AlertRulesConfig } from '../../config/monitoringConfig.ts';
import type { JobRepository } from '../../engine/jobRepository.ts';
import type { QueueStatsReader } from '../stats/queueStatsReader.ts';
import type { WorkerLiveness } from '../workerLiveness.ts';
import type { WorkerStore } from '../workerStore.ts';
import type { ZombieStore } from '../zombieStore.ts';
import type { AlertRule } from './alertRule.ts';
import { DebugQueueRule } from './debugQueueRule.ts';
import { FailureRateRule } from './failureRateRule.ts';
import { MissedBackupRule, type MissedBackupSource } from './missedBackupRule.ts';
import { NoLiveWorkerRule } from './noLiveWorkerRule.ts';
import { QueueAgeRule } from './queueAgeRule.ts';
import { ZombieRule } from './zombieRule.ts';

/** What the alert rules read: zombies, jobs (the debug queue), the worker registry and queue statistics. */
export interface AlertRuleSources {
  zombies: ZombieStore;
  jobs: JobRepository;
  workers: WorkerStore;
  stats: QueueStatsReader;
  /** What counts as a live worker (for `NO_LIVE_WORKER`). */
  liveness: WorkerLiveness;
  /** Orgs whose backup policy's window passed without a successful backup (for `MISSED_BACKUP`); default none (rule off). */
  missedBackups?: MissedBackupSource;
}

/** The rules `config` turns on, in a fixed order. */
export function createAlertRules(config: AlertRulesConfig, deps: AlertRuleSources): AlertRule[] {
  const rules: AlertRule[] = [];
  if (config.zombie) rules.push(new ZombieRule(deps.zombies));
  if (config.debugQueue) rules.push(new DebugQueueRule(deps.jobs));
  if (config.failureRate !== null) {
    rules.push(new FailureRateRule({ stats: deps.stats, threshold: config.failureRate, windowMinutes: config.failureWindowMinutes, minFinished: config.failureMinFinished }));
  }
  if (config.queueAgeSeconds !== null) rules.push(new QueueAgeRule({ stats: deps.stats, thresholdSeconds: config.queueAgeSeconds }));
  if (config.noWorkerSeconds !== null) rules.push(new NoLiveWorkerRule(deps.workers, deps.liveness, config.noWorkerSeconds));
  if (config.missedBackupFactor !== null && deps.missedBackups !== undefined) rules.push(new MissedBackupRule(deps.missedBackups));
  return rules;
}
