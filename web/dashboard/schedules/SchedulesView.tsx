import { useCallback, useState } from 'react';
import { JOB_EVENTS } from '../api/jobOperations.ts';
import { LIST_SCHEDULES, type ScheduleFilter, type ScheduleRow } from '../api/scheduleOperations.ts';
import { useEventRefresh } from '../api/useEventRefresh.ts';
import { useQuery } from '../api/useQuery.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatInZone } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';
import { ScheduleToggle } from './ScheduleToggle.tsx';

/** Schedules per page. */
const PAGE_SIZE = 50;
/** Least time between two refreshes caused by job events (a schedule's last run moves with its jobs). */
const JOB_EVENT_REFRESH_MS = 3000;

/** The owner as a link when it is a backup policy (`backupPolicy:<orgId>`), else as text. */
function Owner(props: { owner: string | null }) {
  if (props.owner === null) return <span className="hint">—</span>;
  const policy = /^backupPolicy:(.+)$/.exec(props.owner);
  if (policy === null) return <span className="mono">{props.owner}</span>;
  return <Link href={paths.org(policy[1]!)}>backup policy</Link>;
}

/** A schedule the page changed (pause, resume) and when: it shows until the list answers again. */
interface ChangedRow {
  row: ScheduleRow;
  at: number;
}

/**
 * The caller's schedules (every tenant's for an operator), newest first, a page at a time: timing, state, next and
 * last run (on the schedule's own wall clock, like its cron), and Pause/Resume. A row shows what its mutation answered at once; the list is queried again after it and
 * when jobs move (throttled), never on a timer.
 */
export function SchedulesView() {
  const [enabled, setEnabled] = useState<'' | 'enabled' | 'paused'>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter: ScheduleFilter = enabled === '' ? {} : { enabled: enabled === 'enabled' };
  const after = cursors.at(-1) ?? null;
  const list = useQuery(LIST_SCHEDULES, { filter, first: PAGE_SIZE, after });
  const [changed, setChanged] = useState<ReadonlyMap<string, ChangedRow>>(new Map());
  const jobEventsError = useEventRefresh(JOB_EVENTS, JOB_EVENT_REFRESH_MS, list.refetch);

  const onChanged = useCallback(
    (row: ScheduleRow) => {
      setChanged((previous) => new Map(previous).set(row.id, { row, at: Date.now() }));
      // Answers to requests sent before this one are dropped (useQuery), so the next list shows the change too.
      list.refetch();
    },
    [list.refetch],
  );
  const page = list.data?.schedules;
  const rows = page?.nodes.map((row) => {
    const change = changed.get(row.id);
    return change !== undefined && change.at > (list.receivedAt ?? 0) ? change.row : row;
  });

  return (
    <main>
      <Panel
        title="Schedules"
        id="schedules"
        error={list.error}
        onRefresh={list.refetch}
        actions={
          <div className="filters" role="group" aria-label="Filters">
            <label>
              State{' '}
              <select
                name="filterEnabled"
                value={enabled}
                onChange={(event) => {
                  setEnabled(event.target.value as typeof enabled);
                  setCursors([null]);
                }}
              >
                <option value="">all</option>
                <option value="enabled">enabled</option>
                <option value="paused">paused</option>
              </select>
            </label>
          </div>
        }
      >
        <ErrorNotice error={jobEventsError} what="jobEvents" />
        {rows !== undefined && rows.length === 0 ? <p className="empty">No schedules{enabled === '' ? ' yet' : ` ${enabled}`}.</p> : null}
        {rows === undefined || rows.length === 0 ? null : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Job type</th>
                <th scope="col">When</th>
                <th scope="col">Timezone</th>
                <th scope="col">State</th>
                <th scope="col">Next run</th>
                <th scope="col">Last run</th>
                <th scope="col">Owner</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((schedule) => (
                <tr key={schedule.id} data-schedule-id={schedule.id}>
                  <td>{schedule.name}</td>
                  <td className="mono">{schedule.jobType}</td>
                  <td className="mono">{schedule.cron !== null ? `cron ${schedule.cron}` : `every ${schedule.every ?? '—'}`}</td>
                  <td>{schedule.timezone}</td>
                  <td data-column="state">
                    <StateBadge state={schedule.enabled ? 'ENABLED' : 'PAUSED'} />
                  </td>
                  <td data-column="next-run">{schedule.nextRunAt === null ? '—' : <time dateTime={schedule.nextRunAt}>{formatInZone(schedule.nextRunAt, schedule.timezone)}</time>}</td>
                  <td data-column="last-run">
                    {schedule.lastRun === null ? (
                      '—'
                    ) : (
                      <>
                        <time dateTime={schedule.lastRun.occurrenceAt}>{formatInZone(schedule.lastRun.occurrenceAt, schedule.timezone)}</time>{' '}
                        {schedule.lastRun.job === null ? (
                          <span className="hint">job deleted</span>
                        ) : (
                          <Link href={paths.job(schedule.lastRun.job.id)}>
                            <StateBadge state={schedule.lastRun.job.state} />
                          </Link>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    <Owner owner={schedule.owner} />
                  </td>
                  <td>
                    <ScheduleToggle schedule={schedule} onChanged={onChanged} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="actions pager">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((previous) => previous.slice(0, -1))}>
            Previous page
          </button>
          <button
            type="button"
            disabled={page?.pageInfo.hasNextPage !== true}
            onClick={() => {
              const next = page?.pageInfo.endCursor;
              if (next !== undefined && next !== null) setCursors((previous) => [...previous, next]);
            }}
          >
            Next page
          </button>
        </div>
      </Panel>
    </main>
  );
}
