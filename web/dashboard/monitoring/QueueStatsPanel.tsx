import type { GraphqlError } from '../api/graphqlError.ts';
import type { FailureRate, QueueStats } from '../api/monitoringOperations.ts';
import { formatDuration } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { ThroughputChart } from './ThroughputChart.tsx';

/** Counts per state and type, the oldest queued job's age, the failure rate and the throughput chart. */
export function QueueStatsPanel(props: { stats: QueueStats | undefined; failureRate: FailureRate | undefined; error: GraphqlError | undefined; onRefresh: () => void }) {
  const { stats, failureRate } = props;
  const types = [...new Set(stats?.byType.map((row) => row.type) ?? [])].sort();
  const states = [...new Set(stats?.byType.map((row) => row.state) ?? [])];
  return (
    <Panel title="Queue statistics" id="queue-stats" error={props.error} onRefresh={props.onRefresh}>
      {stats === undefined ? null : (
        <>
          <ul className="counts" aria-label="Jobs per state">
            {stats.byState.map((row) => (
              <li key={row.state}>
                <StateBadge state={row.state} /> {row.count}
              </li>
            ))}
            <li>oldest queued: {stats.oldestQueuedAgeSeconds === null ? '—' : formatDuration(stats.oldestQueuedAgeSeconds * 1000)}</li>
            {failureRate === undefined ? null : (
              <li>
                failure rate ({failureRate.windowMinutes} min): {(failureRate.rate * 100).toFixed(1)}% ({failureRate.failed} of {failureRate.finished})
              </li>
            )}
          </ul>
          <ThroughputChart buckets={stats.throughput} />
          {types.length === 0 ? null : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  {states.map((state) => (
                    <th scope="col" key={state}>
                      {state}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {types.map((type) => (
                  <tr key={type}>
                    <th scope="row">{type}</th>
                    {states.map((state) => (
                      <td key={state}>{stats.byType.find((row) => row.type === type && row.state === state)?.count ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Panel>
  );
}
