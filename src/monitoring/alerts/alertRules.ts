import type { Db } from 'mongodb';
import type { JobRepository } from '../../engine/jobRepository.ts';
import type { AlertRulesConfig } from '../../config/monitoringConfig.ts';
import type { QueueStatsReader } from '../stats/queueStatsReader.ts';
import type { WorkerLiveness } from '../workerLiveness.ts';
import type { AlertRule } from './alertRule.ts';
import { DebugQueueRule } from './debugQueueRule.ts';
import { FailureRateRule } from './failureRateRule.ts';
import { NoLiveWorkerRule } from './noLiveWorkerRule.ts';
import { QueueAgeRule } from './queueAgeRule.ts';
import { ZombieRule } from './zombieRule.ts';

/** The rules `config` turns on, in a fixed order. */
export function createAlertRules(config: AlertRulesConfig, deps: { db: Db; jobs: JobRepository; stats: QueueStatsReader; liveness: WorkerLiveness }): AlertRule[] {
  const rules: AlertRule[] = [];
  if (config.zombie) rules.push(new ZombieRule(deps.db));
  if (config.debugQueue) rules.push(new DebugQueueRule(deps.jobs));
  if (config.failureRate !== null) {
    rules.push(new FailureRateRule({ stats: deps.stats, threshold: config.failureRate, windowMinutes: config.failureWindowMinutes, minFinished: config.failureMinFinished }));
  }
  if (config.queueAgeSeconds !== null) rules.push(new QueueAgeRule({ stats: deps.stats, thresholdSeconds: config.queueAgeSeconds }));
  if (config.noWorkerSeconds !== null) rules.push(new NoLiveWorkerRule(deps.db, deps.liveness, config.noWorkerSeconds));
  return rules;
}
