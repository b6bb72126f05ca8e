/**
 * The GraphQL documents of the orgs list and the org page (see `schema/salesforce.graphql`,
 * `backupPolicy.graphql`, `backupChanges.graphql` and the alerts of `monitoring.graphql`). One query per panel, as
 * in the monitoring view: a failing field blanks its own panel only. Their result and variable types are generated
 * from the SDL into `./generated/` (`npm run codegen`).
 */
import { graphql } from './generated/gql.ts';
import type { AlertKind, DashboardBackupHistoryQuery, DashboardBackupPolicyQuery, DashboardOrgAlertsQuery, DashboardOrgsQuery } from './generated/graphql.ts';

/** An org as the orgs list (and the org page's header) selects it: its last check, never a live one. */
export type OrgRow = DashboardOrgsQuery['orgs'][number];

/** `BackupPolicy` of the schema as the org page selects it. */
export type BackupPolicy = NonNullable<DashboardBackupPolicyQuery['backupPolicy']>;

/** A backup as the org page's history selects it, with its retention and its changes per object. */
export type BackupRow = DashboardBackupHistoryQuery['backups'][number];

/** `BackupObjectChanges` of the schema: created, updated and deleted records of one object since its previous backup. */
export type BackupObjectChanges = BackupRow['changes'][number];

/** An alert incident as the org page selects it (with `details`, where data-change alerts name their org). */
export type OrgAlert = DashboardOrgAlertsQuery['monitoring']['alerts'][number];

/** `AlertKind` of the schema. */
export type { AlertKind };

/**
 * `orgs`: the caller's orgs with the status of their last check (`org(id)` would check each one with Salesforce
 * now; the list and the page do not).
 */
export const ORGS = graphql(`query DashboardOrgs { orgs {
  id name authFlow instanceUrl username salesforceOrgId status statusDetail checkedAt createdAt
  apiBudget { max remaining checkedAt }
} }`);

/** `backupPolicy(orgId)`: null when the org has none. */
export const BACKUP_POLICY = graphql(`query DashboardBackupPolicy($orgId: ID!) { backupPolicy(orgId: $orgId) {
  orgId objects at timezone cron fullEvery enabled createdAt updatedAt
  retention { daily weekly monthly keepDays }
} }`);

/** `backups(orgId)`: the org's backups, newest first, with what keeps each one and what changed per object. */
export const BACKUP_HISTORY = graphql(`query DashboardBackupHistory($orgId: ID!) { backups(orgId: $orgId) {
  id mode status createdAt startedAt finishedAt durationMs
  records bytes estimatedRecords objectsDone objectsTotal
  keptBy expiresAt
  job { id state }
  errors { name error { code message } }
  changes { object previousBackupId previousRecords created updated deleted }
} }`);

/** Alert incidents, open and resolved, with their details; the org page keeps its org's data-change ones. */
export const ORG_ALERTS = graphql(`query DashboardOrgAlerts { monitoring { alerts(includeResolved: true) {
  id kind rule key message firedAt resolvedAt delivered details
} } }`);
