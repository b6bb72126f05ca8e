import type { Bus } from '../../bus/bus.ts';
import { JOB_TOPIC, type JobEventPayload } from '../../engine/jobEvent.ts';
import type { Logger } from '../../logging/logger.ts';
import { MONITORING_TOPIC, type MonitoringEventPayload } from '../monitoringEvent.ts';
import type { AlertIncidentDocument, AlertIncidentStore } from './alertIncidentStore.ts';
import { DATA_CHANGE_RULE_NAMES, findDataChanges, type DataChangeFinding, type ReviewedBackup } from './dataChangeFindings.ts';
import { DEFAULT_DATA_CHANGE_RULES, type DataChangeRuleSetting } from './dataChangeRuleSetting.ts';

/** Options of {@link DataChangeAlerts}. */
export interface DataChangeAlertsOptions {
  bus: Bus;
  store: AlertIncidentStore;
  /** The org's rules (`null`: never set, the defaults apply). */
  rules: { get(tenantId: string, orgId: string): Promise<readonly DataChangeRuleSetting[] | null> };
  /** The backup a backup job wrote, read in the job's tenant. */
  backups: { getByJob(tenantId: string, jobId: string): Promise<ReviewedBackup | null> };
  /** Name of the backup job type: its `SUCCEEDED` events start a review. */
  backupJobType: string;
  logger: Logger;
  /** Whether incidents have receivers (new incidents are then marked for delivery). */
  deliver: boolean;
  /** Called after an incident fired or resolved in this process (wakes the deliverer). */
  onChange: () => void;
}

/**
 * Data-change alerts (`MASS_DELETION`, `MASS_UPDATE`, `BACKUP_PARTIAL`), reviewed once per backup when its
 * job succeeds (a bus event, no timer): the org's rules are applied to the counts the backup stored
 * per object, each finding fires one incident (`<rule>:<orgId>/<object>:<backupId>`, so every process
 * that hears the event may review: the first insert wins), and incidents of earlier backups of the same
 * org whose object this backup compared again (or, for `BACKUP_PARTIAL`, any later backup) resolve.
 * Incidents carry the counts and the `backupChanges` arguments listing the Ids in `details`.
 */
export class DataChangeAlerts {
  private phase: 'idle' | 'running' | 'stopped' = 'idle';
  private unsubscribe: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: DataChangeAlertsOptions) {}

  /** Starts listening for finished backups. */
  start(): void {
    if (this.phase !== 'idle') throw new Error(`data-change alerts cannot start: they are ${this.phase}`);
    this.phase = 'running';
    this.unsubscribe = this.options.bus.subscribe((event) => {
      if (event.topic !== JOB_TOPIC) return;
      const { kind, job } = event.payload as JobEventPayload;
      if (kind !== 'SUCCEEDED' || job.type !== this.options.backupJobType) return;
      // One review at a time, in event order: a backup's review sees the incidents of the one before.
      this.queue = this.queue.then(() => this.reviewJob(job.tenantId, job.id));
    });
  }

  /** Stops listening; waits for the reviews under way. */
  async stop(): Promise<void> {
    this.phase = 'stopped';
    this.unsubscribe?.();
    await this.queue;
  }

  private async reviewJob(tenantId: string, jobId: string): Promise<void> {
    if (this.phase !== 'running') return;
    try {
      const backup = await this.options.backups.getByJob(tenantId, jobId);
      if (backup !== null) await this.review(backup);
    } catch (error) {
      this.options.logger.error({ err: error, jobId }, 'data-change review failed');
    }
  }

  /** Applies the org's rules to one ended backup: fires what it shows, resolves what it clears. */
  async review(backup: ReviewedBackup): Promise<void> {
    if (backup.status !== 'SUCCEEDED' && backup.status !== 'PARTIAL') return;
    const rules = (await this.options.rules.get(backup.tenantId, backup.orgId)) ?? DEFAULT_DATA_CHANGE_RULES;
    const findings = findDataChanges(backup, rules);
    for (const finding of findings) await this.fire(backup, finding);
    const compared = new Set(backup.objects.filter((o) => o.status === 'SUCCEEDED' && o.changes !== undefined && o.changes !== null).map((o) => o.name));
    for (const rule of Object.values(DATA_CHANGE_RULE_NAMES)) {
      for (const incident of await this.options.store.open(rule)) {
        if (this.clears(backup, compared, rule, incident)) await this.resolve(incident);
      }
    }
    this.options.onChange();
  }

  /** Whether `backup` is a later look at what `incident` is about. */
  private clears(backup: ReviewedBackup, compared: ReadonlySet<string>, rule: string, incident: AlertIncidentDocument): boolean {
    const details = incident.details ?? {};
    if (incident.tenantId !== backup.tenantId || details.orgId !== backup.orgId || details.backupId === backup.id) return false;
    if (typeof details.backupCreatedAt !== 'string' || details.backupCreatedAt >= backup.createdAt.toISOString()) return false;
    return rule === DATA_CHANGE_RULE_NAMES.BACKUP_PARTIAL || (typeof details.object === 'string' && compared.has(details.object));
  }

  private async fire(backup: ReviewedBackup, finding: DataChangeFinding): Promise<void> {
    const id = `${finding.rule}:${finding.key}:${backup.id}`;
    const fired = await this.options.store.fire({
      _id: id,
      kind: finding.kind,
      rule: finding.rule,
      key: finding.key,
      tenantId: backup.tenantId,
      message: finding.message,
      details: finding.details,
      firedAt: new Date(),
      deliver: this.options.deliver,
    });
    if (fired === null) return;
    this.options.logger.warn({ alertId: id, kind: finding.kind, tenantId: backup.tenantId }, `alert fired: ${finding.message}`);
    await this.publish('ALERT_FIRED', fired, `alert fired: ${finding.message}`);
  }

  private async resolve(incident: AlertIncidentDocument): Promise<void> {
    const resolved = await this.options.store.resolve(incident._id, new Date(), this.options.deliver);
    if (resolved === null) return;
    this.options.logger.info({ alertId: incident._id, kind: incident.kind, tenantId: incident.tenantId }, `alert resolved: ${incident.message}`);
    await this.publish('ALERT_RESOLVED', resolved, `alert resolved: ${incident.message}`);
  }

  private async publish(kind: 'ALERT_FIRED' | 'ALERT_RESOLVED', incident: AlertIncidentDocument, message: string): Promise<void> {
    const payload: MonitoringEventPayload = { kind, message, alertId: incident._id };
    await this.options.bus.publish({ topic: MONITORING_TOPIC, tenantId: incident.tenantId ?? undefined, payload }).catch((error: unknown) => {
      this.options.logger.error({ err: error, alertId: incident._id }, 'could not publish the alert event');
    });
  }
}
