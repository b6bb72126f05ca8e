import type { GraphqlError } from '../api/graphqlError.ts';
import type { Worker } from '../api/monitoringOperations.ts';
import { formatBytes, formatDuration, formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';

/** Registered processes: heartbeat (age as of the answer), event-loop delay, memory and running jobs. */
export function WorkersPanel(props: { workers: Worker[] | undefined; error: GraphqlError | undefined; answeredAt: number | undefined; onRefresh: () => void }) {
  return (
    <Panel title="Workers" id="workers" error={props.error} onRefresh={props.onRefresh}>
      {props.workers !== undefined && props.workers.length === 0 ? <p className="empty">No worker registered.</p> : null}
      {props.workers === undefined || props.workers.length === 0 ? null : (
        <table className="table workers-table">
          <thead>
            <tr>
              <th scope="col">Worker</th>
              <th scope="col">Status</th>
              <th scope="col">Host · pid</th>
              <th scope="col">Role</th>
              <th scope="col">Last heartbeat</th>
              <th scope="col">Event-loop delay p50 / p99 / max</th>
              <th scope="col">Memory</th>
              <th scope="col">Running jobs</th>
            </tr>
          </thead>
          <tbody>
            {props.workers.map((worker) => (
              <tr key={worker.id} data-worker-id={worker.id}>
                <td className="mono">{worker.id}</td>
                <td>
                  <StateBadge state={worker.alive ? 'ALIVE' : worker.stoppedAt === null ? 'LOST' : 'STOPPED'} />
                </td>
                <td>{`${worker.host} · ${worker.pid}`}</td>
                <td>{worker.role}</td>
                <td>
                  {formatTime(worker.lastHeartbeatAt)}
                  {props.answeredAt === undefined ? '' : ` (${formatDuration(props.answeredAt - Date.parse(worker.lastHeartbeatAt))} before the answer)`}
                </td>
                <td>{worker.eventLoopDelay === null ? '—' : `${worker.eventLoopDelay.p50Ms.toFixed(1)} / ${worker.eventLoopDelay.p99Ms.toFixed(1)} / ${worker.eventLoopDelay.maxMs.toFixed(1)} ms`}</td>
                <td>{formatBytes(worker.rssBytes)}</td>
                <td>
                  {worker.runningJobs.length === 0
                    ? '—'
                    : worker.runningJobs.map((job) => (
                        <Link key={job.id} href={paths.job(job.id)} className="mono chip">
                          {`${job.type} ${job.id.slice(-6)}`}
                        </Link>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
