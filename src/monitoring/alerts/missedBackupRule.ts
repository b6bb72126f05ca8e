import type { ActiveCondition, AlertRule, RuleClock } from './alertRule.ts';

/** An org whose backup policy's window passed without a successful backup. */
export interface OverdueBackup {
  tenantId: string;
  orgId: string;
  /** The end of the org's last successful (or partial) backup, `null` when it has none. */
  lastSuccessAt: Date | null;
  /** Since when the window counts (the last success, or the policy's last change when later). */
  since: Date;
  windowMs: number;
}

/** Where the rule reads overdue orgs: the backup policies (`BackupPolicyService.overdue`, plugged in by the composition root). */
export interface MissedBackupSource {
  overdue(now: Date): Promise<OverdueBackup[]>;
}

/**
 * `MISSED_BACKUP`: an org under a backup policy has had no successful backup within the policy's window (a
 * multiple of its schedule's period, `LONGHAUL_ALERT_MISSED_BACKUP_FACTOR`). One incident per org and window
 * (the occurrence is the window's start), resolved once a backup of the org succeeds.
 */
export class MissedBackupRule implements AlertRule {
  readonly name = 'missed-backup';
  readonly kind = 'MISSED_BACKUP' as const;

  constructor(private readonly source: MissedBackupSource) {}

  async active(clock: RuleClock): Promise<ActiveCondition[]> {
    const overdue = await this.source.overdue(clock.now);
    return overdue.map((o) => ({
      key: o.orgId,
      occurrence: o.since.toISOString(),
      tenantId: o.tenantId,
      message: `org ${o.orgId} has had no successful backup for ${Math.round((clock.now.getTime() - o.since.getTime()) / 3600_000)} h (window ${Math.round(o.windowMs / 3600_000)} h; last success ${o.lastSuccessAt?.toISOString() ?? 'never'})`,
    }));
  }
}
