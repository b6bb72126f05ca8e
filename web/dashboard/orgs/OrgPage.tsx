import { useCallback, useMemo } from 'react';
import { JOB_EVENTS } from '../api/jobOperations.ts';
import { MONITORING_EVENTS } from '../api/monitoringOperations.ts';
import { BACKUP_HISTORY, BACKUP_POLICY, ORG_ALERTS, ORGS } from '../api/orgOperations.ts';
import { useEventRefresh } from '../api/useEventRefresh.ts';
import { useQuery } from '../api/useQuery.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatTime } from '../components/formatTime.ts';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';
import { BackupHistoryPanel } from './BackupHistoryPanel.tsx';
import { OrgAlertsPanel } from './OrgAlertsPanel.tsx';
import { orgAlerts } from './orgAlerts.ts';
import { PolicyPanel } from './PolicyPanel.tsx';
import { POLICY_BACKUP_JOB_TYPE, usePolicySchedule } from './usePolicySchedule.ts';

/** Least time between two refreshes of the backups and the schedule caused by backup jobs moving. */
const BACKUP_REFRESH_MS = 2000;
/** Least time between two refreshes of the alerts caused by monitoring events. */
const ALERT_REFRESH_MS = 1000;
/** The jobs whose events change the history or the schedule: backups, policy occurrences, prunes. */
const BACKUP_JOB_FILTER = { types: ['salesforce.backup', POLICY_BACKUP_JOB_TYPE, 'salesforce.backupPrune'] };

/**
 * One org: its backup policy and next runs, its backup history with the changes per object, and its data-change
 * alerts. Each panel is its own query; backups and the schedule are asked again when backup jobs move
 * (`jobEvents`), alerts when `monitoringEvents` reports something, throttled. Nothing runs on a timer.
 */
export function OrgPage(props: { id: string }) {
  const orgs = useQuery(ORGS, {});
  const policy = useQuery(BACKUP_POLICY, { orgId: props.id });
  const backups = useQuery(BACKUP_HISTORY, { orgId: props.id });
  const alerts = useQuery(ORG_ALERTS, {});
  const schedule = usePolicySchedule(props.id);

  const refreshBackups = useCallback(() => {
    backups.refetch();
    schedule.refetch();
  }, [backups.refetch, schedule.refetch]);
  const refreshPolicy = useCallback(() => {
    policy.refetch();
    schedule.refetch();
  }, [policy.refetch, schedule.refetch]);
  const jobEventsError = useEventRefresh(JOB_EVENTS, BACKUP_REFRESH_MS, refreshBackups, { variables: { filter: BACKUP_JOB_FILTER } });
  const monitoringEventsError = useEventRefresh(MONITORING_EVENTS, ALERT_REFRESH_MS, alerts.refetch);

  const org = orgs.data?.orgs.find((candidate) => candidate.id === props.id);
  const shownAlerts = useMemo(() => (alerts.data === undefined ? undefined : orgAlerts(alerts.data.monitoring.alerts, props.id)), [alerts.data, props.id]);
  const hasPolicy = policy.data === undefined ? undefined : policy.data.backupPolicy !== null;

  return (
    <main>
      <p>
        <Link href={paths.orgs}>← all orgs</Link>
      </p>
      <header className="page-header">
        <h1>{org?.name ?? `Org ${props.id}`}</h1>
        {org === undefined ? null : (
          <p>
            <StateBadge state={org.status} /> <span className="mono">{org.salesforceOrgId}</span> <span className="mono hint">{org.instanceUrl ?? ''}</span>{' '}
            <span className="hint">{`checked ${formatTime(org.checkedAt)}${org.apiBudget === null ? '' : ` · API budget ${org.apiBudget.remaining} of ${org.apiBudget.max}`}`}</span>
          </p>
        )}
        {orgs.data !== undefined && org === undefined ? <p className="empty">No org {props.id} among this key's orgs.</p> : null}
        <ErrorNotice error={orgs.error} what="orgs" />
        <ErrorNotice error={jobEventsError} what="jobEvents" />
        <ErrorNotice error={monitoringEventsError} what="monitoringEvents" />
      </header>
      <PolicyPanel policy={policy.data?.backupPolicy} error={policy.error} schedule={schedule.schedule} scheduleError={schedule.error} onRefresh={refreshPolicy} />
      <BackupHistoryPanel backups={backups.data?.backups} hasPolicy={hasPolicy} error={backups.error} onRefresh={backups.refetch} />
      <OrgAlertsPanel alerts={shownAlerts} error={alerts.error} onRefresh={alerts.refetch} />
    </main>
  );
}
