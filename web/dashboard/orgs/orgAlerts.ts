import type { AlertKind, OrgAlert } from '../api/orgOperations.ts';

/** The alert kinds about an org's data and backups (the others are about jobs and workers). */
export const DATA_CHANGE_ALERT_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>(['MASS_DELETION', 'MASS_UPDATE', 'BACKUP_PARTIAL', 'MISSED_BACKUP']);

/** Resolved incidents the org page shows below the open ones. */
export const RECENT_RESOLVED = 20;

function orgIdInDetails(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const orgId = (details as { orgId?: unknown }).orgId;
  return typeof orgId === 'string' ? orgId : undefined;
}

/**
 * True when `alert` is a data-change alert of `orgId`. MASS_DELETION, MASS_UPDATE and BACKUP_PARTIAL name the org in
 * `details.orgId`; MISSED_BACKUP has no details and is keyed by the org id (mass changes by `<orgId>/<object>`).
 */
export function isDataChangeAlertOf(alert: OrgAlert, orgId: string): boolean {
  if (!DATA_CHANGE_ALERT_KINDS.has(alert.kind)) return false;
  const named = orgIdInDetails(alert.details);
  if (named !== undefined) return named === orgId;
  return alert.key === orgId || alert.key.startsWith(`${orgId}/`);
}

/** The org's data-change alerts to show: every open one, then the {@link RECENT_RESOLVED} latest resolved; newest first in each. */
export function orgAlerts(alerts: readonly OrgAlert[], orgId: string): OrgAlert[] {
  const mine = alerts.filter((alert) => isDataChangeAlertOf(alert, orgId)).sort((a, b) => b.firedAt.localeCompare(a.firedAt));
  return [...mine.filter((alert) => alert.resolvedAt === null), ...mine.filter((alert) => alert.resolvedAt !== null).slice(0, RECENT_RESOLVED)];
}
