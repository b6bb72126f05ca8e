import type { GraphqlError } from '../api/graphqlError.ts';
import type { Alert, MonitoringEvent } from '../api/monitoringOperations.ts';
import { formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';

/** Open alert incidents, and the monitoring events this page received since it opened. */
export function AlertsPanel(props: { alerts: Alert[] | undefined; error: GraphqlError | undefined; events: MonitoringEvent[]; eventsError: GraphqlError | undefined; onRefresh: () => void }) {
  return (
    <Panel title="Alerts and events" id="alerts" error={props.error} onRefresh={props.onRefresh}>
      {props.alerts !== undefined && props.alerts.length === 0 ? <p className="empty">No open alerts.</p> : null}
      <ul className="alerts">
        {props.alerts?.map((alert) => (
          <li key={alert.id}>
            <StateBadge state={alert.kind} /> {alert.message} <span className="hint">{`since ${formatTime(alert.firedAt)} · ${alert.rule} · delivered ${alert.delivered}×`}</span>
          </li>
        ))}
      </ul>
      <h3>Live events</h3>
      {props.eventsError === undefined ? null : (
        <p className="error-notice" role="alert">
          monitoringEvents: <code className="error-code">{props.eventsError.code}</code> {props.eventsError.message}
        </p>
      )}
      {props.events.length === 0 ? <p className="empty">No monitoring event since this page opened.</p> : null}
      <ol className="timeline" aria-label="Monitoring events">
        {props.events.map((event) => (
          <li key={event.position}>
            <time dateTime={event.at}>{formatTime(event.at)}</time> <StateBadge state={event.kind} /> {event.message}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
