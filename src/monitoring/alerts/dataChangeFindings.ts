import type { AlertKind } from '../alertDocument.ts';
import { DataChangeRuleKind, type DataChangeRuleSetting } from './dataChangeRuleSetting.ts';

/** What the data-change review reads of a backup (the storage layer's backup view fits it). */
export interface ReviewedBackup {
  id: string;
  tenantId: string;
  orgId: string;
  status: string;
  createdAt: Date;
  objects: readonly {
    name: string;
    status: string;
    error: { code: string; message: string } | null;
    changes?: { previousBackupId: string; previousRecords: number; created: number; updated: number; deleted: number } | null;
  }[];
}

/** Names of the data-change alert rules (stable: part of incident ids), per kind. */
export const DATA_CHANGE_RULE_NAMES: Readonly<Record<DataChangeRuleKind, string>> = {
  MASS_DELETION: 'massDeletion',
  MASS_UPDATE: 'massUpdate',
  BACKUP_PARTIAL: 'backupPartial',
};

/** One thing a backup shows that a rule alerts on. */
export interface DataChangeFinding {
  rule: string;
  kind: AlertKind;
  /** `<orgId>/<object>` (mass changes) or `<orgId>` (partial backup): one open incident per key and backup. */
  key: string;
  /** The object, for mass changes. */
  object: string | null;
  message: string;
  details: Record<string, unknown>;
}

/** The rule of `kind` for `object`: its own, else the org-wide one; `null` when none is enabled. */
function ruleFor(rules: readonly DataChangeRuleSetting[], kind: DataChangeRuleKind, object: string | null): DataChangeRuleSetting | null {
  const rule = rules.find((r) => r.kind === kind && r.object === object) ?? rules.find((r) => r.kind === kind && r.object === null);
  return rule?.enabled === true ? rule : null;
}

const percent = (share: number): string => `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;

/**
 * What one backup shows that the org's rules alert on: per object compared with its previous backup, a
 * mass deletion or update (more than the rule's share of the previous records, or at least its count);
 * and the backup itself ending `PARTIAL`.
 */
export function findDataChanges(backup: ReviewedBackup, rules: readonly DataChangeRuleSetting[]): DataChangeFinding[] {
  const findings: DataChangeFinding[] = [];
  const base = { orgId: backup.orgId, backupId: backup.id, backupCreatedAt: backup.createdAt.toISOString() };
  for (const object of backup.objects) {
    const changes = object.changes;
    if (object.status !== 'SUCCEEDED' || changes === undefined || changes === null) continue;
    for (const kind of [DataChangeRuleKind.MassDeletion, DataChangeRuleKind.MassUpdate] as const) {
      const rule = ruleFor(rules, kind, object.name);
      if (rule === null) continue;
      const amount = kind === DataChangeRuleKind.MassDeletion ? changes.deleted : changes.updated;
      const share = changes.previousRecords > 0 ? amount / changes.previousRecords : null;
      const overShare = rule.share !== null && share !== null && share > rule.share;
      const overCount = rule.count !== null && amount >= rule.count;
      if (amount === 0 || !(overShare || overCount)) continue;
      const changeKind = kind === DataChangeRuleKind.MassDeletion ? 'DELETED' : 'UPDATED';
      const verb = kind === DataChangeRuleKind.MassDeletion ? 'deleted' : 'updated';
      const threshold = [rule.share === null ? null : `more than ${percent(rule.share)}`, rule.count === null ? null : `at least ${rule.count}`].filter((t) => t !== null).join(' or ');
      const query = `backupChanges(backupId: "${backup.id}", object: "${object.name}", kind: ${changeKind})`;
      findings.push({
        rule: DATA_CHANGE_RULE_NAMES[kind],
        kind,
        key: `${backup.orgId}/${object.name}`,
        object: object.name,
        message: `${kind === DataChangeRuleKind.MassDeletion ? 'mass deletion' : 'mass update'} in org ${backup.orgId}: ${amount} of ${changes.previousRecords} ${object.name} records ${verb}${share === null ? '' : ` (${percent(share)})`} since backup ${changes.previousBackupId} (rule: ${threshold}); Ids: ${query}`,
        details: {
          ...base,
          object: object.name,
          previousBackupId: changes.previousBackupId,
          previousRecords: changes.previousRecords,
          created: changes.created,
          updated: changes.updated,
          deleted: changes.deleted,
          share,
          threshold: { share: rule.share, count: rule.count },
          changedIds: { query: 'backupChanges', backupId: backup.id, object: object.name, kind: changeKind },
        },
      });
    }
  }
  if (backup.status === 'PARTIAL' && ruleFor(rules, DataChangeRuleKind.BackupPartial, null) !== null) {
    const failed = backup.objects.filter((o) => o.status === 'FAILED');
    findings.push({
      rule: DATA_CHANGE_RULE_NAMES.BACKUP_PARTIAL,
      kind: DataChangeRuleKind.BackupPartial,
      key: backup.orgId,
      object: null,
      message: `backup ${backup.id} of org ${backup.orgId} ended PARTIAL: ${failed.length} of ${backup.objects.length} objects failed (${failed.map((o) => `${o.name}: ${o.error?.code ?? '?'}`).join(', ')})`,
      details: { ...base, failedObjects: failed.map((o) => ({ object: o.name, code: o.error?.code ?? null })) },
    });
  }
  return findings;
}
