import type { Bus } from '../../bus/bus.ts';
import type { MonitoringConfig } from '../../config/monitoringConfig.ts';
import type { Logger } from '../../logging/logger.ts';
import { AlertDeliverer } from './alertDeliverer.ts';
import { AlertEvaluator } from './alertEvaluator.ts';
import type { AlertIncidentStore } from './alertIncidentStore.ts';
import { createAlertRules, type AlertRuleSources } from './alertRules.ts';
import { DataChangeAlerts, type DataChangeAlertsOptions } from './dataChangeAlerts.ts';
import { HttpWebhookSender, type WebhookSender } from './webhookSender.ts';
import { webhookTarget } from './webhookTarget.ts';

/** Options of {@link AlertMonitor}. */
export interface AlertMonitorOptions extends AlertRuleSources {
  config: MonitoringConfig;
  /** The `alerts` collection: incidents and their delivery state. */
  store: AlertIncidentStore;
  bus: Bus;
  logger: Logger;
  /** How messages reach receivers (default: HTTP POST with the configured timeout). */
  sender?: WebhookSender;
  /** Where data-change alerts read rules and backups (see {@link DataChangeAlerts}); default: no data-change alerts. */
  dataChanges?: Pick<DataChangeAlertsOptions, 'rules' | 'backups' | 'backupJobType'>;
}

/** Alerting of one API process: the rule evaluator and the webhook deliverer over the shared incident store. */
export class AlertMonitor {
  private readonly evaluator: AlertEvaluator;
  private readonly deliverer: AlertDeliverer;
  private readonly dataChanges: DataChangeAlerts | undefined;

  constructor(options: AlertMonitorOptions) {
    const { config, store, bus } = options;
    const logger = options.logger.child({ component: 'alerts' });
    const targets = config.webhooks.map(webhookTarget);
    const rules = createAlertRules(config.rules, options);
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
    this.dataChanges =
      options.dataChanges === undefined
        ? undefined
        : new DataChangeAlerts({ ...options.dataChanges, bus, store, logger, deliver: targets.length > 0, onChange: () => this.deliverer.kick() });
    logger.info({ rules: rules.map((r) => r.name), webhooks: targets.map((t) => `${t.format}:${t.safeUrl}`) }, 'alerting configured');
  }

  /** Starts evaluating (at once, then periodically and on events). */
  async start(): Promise<void> {
    this.evaluator.start();
    this.dataChanges?.start();
  }

  async stop(): Promise<void> {
    await this.evaluator.stop();
    await this.dataChanges?.stop();
    await this.deliverer.stop();
  }
}
