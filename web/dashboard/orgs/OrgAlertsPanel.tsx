import type { GraphqlError } from '../api/graphqlError.ts';
import type { OrgAlert } from '../api/orgOperations.ts';
import { formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { RECENT_RESOLVED } from './orgAlerts.ts';

/** An org's data-change alerts (mass deletions and updates, partial and missed backups): open ones, then recent resolved ones. */
export function OrgAlertsPanel(props: { alerts: OrgAlert[] | undefined; error: GraphqlError | undefined; onRefresh: () => void }) {
  const { alerts } = props;
  return (
    <Panel title="Data-change alerts" id="org-alerts" error={props.error} onRefresh={props.onRefresh}>
      {alerts !== undefined && alerts.length === 0 ? <p className="empty">No data-change alerts for this org.</p> : null}
      {alerts === undefined || alerts.length === 0 ? null : (
        <ul className="alerts" aria-label="Data-change alerts">
          {alerts.map((alert) => (
            <li key={alert.id} data-alert-id={alert.id} data-open={alert.resolvedAt === null}>
              <StateBadge state={alert.kind} /> {alert.resolvedAt === null ? <StateBadge state="OPEN" /> : <StateBadge state="RESOLVED" />} {alert.message}{' '}
              <span className="hint">
                {`fired ${formatTime(alert.firedAt)}`}
                {alert.resolvedAt === null ? '' : ` · resolved ${formatTime(alert.resolvedAt)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{`Open alerts, then the ${RECENT_RESOLVED} latest resolved.`}</p>
    </Panel>
  );
}
