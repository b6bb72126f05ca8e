import type { Db } from 'mongodb';
import type { Bus } from '../../bus/bus.ts';
import type { MonitoringConfig } from '../../config/monitoringConfig.ts';
import type { Logger } from '../../logging/logger.ts';
import type { JobRepository } from '../../engine/jobRepository.ts';
import type { QueueStatsReader } from '../stats/queueStatsReader.ts';
import type { WorkerLiveness } from '../workerLiveness.ts';
import { AlertDeliverer } from './alertDeliverer.ts';
import { AlertEvaluator } from './alertEvaluator.ts';
import { AlertIncidentStore } from './alertIncidentStore.ts';
import { createAlertRules } from './alertRules.ts';
import { HttpWebhookSender, type WebhookSender } from './webhookSender.ts';
import { webhookTarget } from './webhookTarget.ts';

/** Options of {@link AlertMonitor}. */
export interface AlertMonitorOptions {
  config: MonitoringConfig;
  db: Db;
  bus: Bus;
  /** The jobs (the debug-queue rule reads them). */
  jobs: JobRepository;
  stats: QueueStatsReader;
  /** What counts as a live worker (for `NO_LIVE_WORKER`). */
  liveness: WorkerLiveness;
  logger: Logger;
  /** How messages reach receivers (default: HTTP POST with the configured timeout). */
  sender?: WebhookSender;
}

/** Alerting of one API process: the rule evaluator and the webhook deliverer over the shared incident store. */
export class AlertMonitor {
  private readonly evaluator: AlertEvaluator;
  private readonly deliverer: AlertDeliverer;
  private readonly store: AlertIncidentStore;

  constructor(options: AlertMonitorOptions) {
    const { config, db, bus, stats } = options;
    const logger = options.logger.child({ component: 'alerts' });
    const store = new AlertIncidentStore(db);
    this.store = store;
    const targets = config.webhooks.map(webhookTarget);
    const rules = createAlertRules(config.rules, { db, jobs: options.jobs, stats, liveness: options.liveness });
    this.deliverer = new AlertDeliverer({
      store,
      targets,
      sender: options.sender ?? new HttpWebhookSender(config.deliveryTimeoutMs),
      logger,
      tries: config.deliveryTries,
      backoffMs: config.deliveryBackoffMs,
      leaseMs: config.deliveryTimeoutMs * 2 + 5000,
    });
    this.evaluator = new AlertEvaluator({
      rules,
      store,
      bus,
      logger,
      everyMs: config.evaluateEveryMs,
      deliver: targets.length > 0,
      onChange: () => this.deliverer.kick(),
    });
    logger.info({ rules: rules.map((r) => r.name), webhooks: targets.map((t) => `${t.format}:${t.safeUrl}`) }, 'alerting configured');
  }

  /** Creates the `alerts` indexes, then starts evaluating (at once, then periodically and on events). */
  async start(): Promise<void> {
    await this.store.ensureIndexes();
    this.evaluator.start();
  }

  async stop(): Promise<void> {
    await this.evaluator.stop();
    await this.deliverer.stop();
  }
}
