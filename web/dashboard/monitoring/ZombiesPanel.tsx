import type { GraphqlError } from '../api/graphqlError.ts';
import type { Zombie } from '../api/monitoringOperations.ts';
import { formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';

/** Zombie incidents, open ones first: which job, why, since when, on which worker, and what was done. */
export function ZombiesPanel(props: { zombies: Zombie[] | undefined; error: GraphqlError | undefined; onRefresh: () => void }) {
  const zombies = [...(props.zombies ?? [])].sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
  return (
    <Panel title="Zombies" id="zombies" error={props.error} onRefresh={props.onRefresh}>
      {props.zombies !== undefined && zombies.length === 0 ? <p className="empty">No zombies.</p> : null}
      {zombies.length === 0 ? null : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Reason</th>
              <th scope="col">Since</th>
              <th scope="col">Detected</th>
              <th scope="col">Worker</th>
              <th scope="col">Attempt</th>
              <th scope="col">Progress</th>
              <th scope="col">Action</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {zombies.map((zombie) => (
              <tr key={zombie.id}>
                <td>
                  <Link href={paths.job(zombie.job.id)} className="mono">
                    {zombie.job.id.slice(-8)}
                  </Link>{' '}
                  {zombie.job.type}
                </td>
                <td>
                  <StateBadge state={zombie.reason} />
                </td>
                <td>{formatTime(zombie.since)}</td>
                <td>{formatTime(zombie.detectedAt)}</td>
                <td className="mono">{zombie.workerId ?? '—'}</td>
                <td>{zombie.attempt}</td>
                <td>{zombie.lastProgress.total === null ? zombie.lastProgress.processed : `${zombie.lastProgress.processed}/${zombie.lastProgress.total}`}</td>
                <td>{zombie.action ?? '—'}</td>
                <td>{formatTime(zombie.resolvedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
