import type { GraphqlError } from '../api/graphqlError.ts';
import type { BackupPolicy } from '../api/orgOperations.ts';
import type { ScheduleRow } from '../api/scheduleOperations.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatInZone, formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';

function retentionText(retention: BackupPolicy['retention']): string {
  const counts = `${retention.daily} daily, ${retention.weekly} weekly, ${retention.monthly} monthly`;
  if (retention.keepDays === null) return counts;
  return `${counts}, and every backup of the last ${retention.keepDays === 1 ? 'day' : `${retention.keepDays} days`}`;
}

/** The policy's schedule: paused or not, and its next occurrences in the policy's zone (ISO instants in `dateTime`). */
function NextRuns(props: { schedule: ScheduleRow | null | undefined; timezone: string; error: GraphqlError | undefined }) {
  const { schedule } = props;
  if (props.error !== undefined) return <ErrorNotice error={props.error} what="schedules" />;
  if (schedule === undefined) return <p className="empty">Loading the schedule…</p>;
  if (schedule === null) return <p className="empty">The policy has no schedule.</p>;
  return (
    <>
      <p>
        <StateBadge state={schedule.enabled ? 'ENABLED' : 'PAUSED'} /> schedule <span className="mono">{schedule.name}</span>
        {schedule.lastRun === null ? null : (
          <span className="hint">
            {` · last run ${formatTime(schedule.lastRun.occurrenceAt)}`}
            {schedule.lastRun.job === null ? '' : ` (${schedule.lastRun.job.state})`}
          </span>
        )}{' '}
        <Link href={paths.schedules}>all schedules</Link>
      </p>
      {schedule.nextRuns.length === 0 ? (
        <p className="empty">No next run{schedule.enabled ? '' : ' while paused'}.</p>
      ) : (
        <ol className="next-runs" aria-label="Next runs">
          {schedule.nextRuns.map((at) => (
            <li key={at}>
              <time dateTime={at} title={at}>
                {formatInZone(at, props.timezone)}
              </time>{' '}
              <span className="hint">{props.timezone}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** An org's backup policy (or that it has none) and the next runs of its schedule. */
export function PolicyPanel(props: {
  policy: BackupPolicy | null | undefined;
  error: GraphqlError | undefined;
  schedule: ScheduleRow | null | undefined;
  scheduleError: GraphqlError | undefined;
  onRefresh: () => void;
}) {
  const { policy } = props;
  return (
    <Panel title="Backup policy" id="policy" error={props.error} onRefresh={props.onRefresh}>
      {policy === null ? <p className="empty">No backup policy: backups run only when started (setBackupPolicy sets one).</p> : null}
      {policy === null || policy === undefined ? null : (
        <>
          <dl className="facts">
            <dt>State</dt>
            <dd>
              <StateBadge state={policy.enabled ? 'ENABLED' : 'DISABLED'} />
            </dd>
            <dt>Daily backup</dt>
            <dd>
              {`at ${policy.at} ${policy.timezone}`} <span className="hint mono">{policy.cron}</span>
            </dd>
            <dt>FULL backup</dt>
            <dd>{`every ${policy.fullEvery} ${policy.fullEvery === 1 ? 'day' : 'days'}, INCREMENTAL otherwise`}</dd>
            <dt>Objects</dt>
            <dd>{policy.objects === null ? 'every queryable, replicateable object' : policy.objects.join(', ')}</dd>
            <dt>Retention</dt>
            <dd>{retentionText(policy.retention)}</dd>
            <dt>Updated</dt>
            <dd>{formatTime(policy.updatedAt)}</dd>
          </dl>
          <h3>Next runs</h3>
          <NextRuns schedule={props.schedule} timezone={policy.timezone} error={props.scheduleError} />
        </>
      )}
    </Panel>
  );
}
