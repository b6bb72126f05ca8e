import type { GraphqlError } from '../api/graphqlError.ts';
import type { BackupRow } from '../api/orgOperations.ts';
import { formatBytes, formatDuration, formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';
import { ChangeBars } from './ChangeBars.tsx';

/** Backup statuses after which nothing more is written to it. */
const ENDED: ReadonlySet<BackupRow['status']> = new Set<BackupRow['status']>(['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED']);

/** Which retention rules keep a backup, or when the prune deletes it. */
function Retention(props: { backup: BackupRow; hasPolicy: boolean | undefined }) {
  const { backup } = props;
  if (props.hasPolicy === undefined) return <span className="hint">—</span>;
  if (!props.hasPolicy) return <span className="hint">no policy: kept</span>;
  return (
    <>
      {backup.keptBy.length === 0 ? (
        <span className="retention-none">kept by no rule</span>
      ) : (
        <span className="kept-by" aria-label="Kept by">
          {backup.keptBy.map((rule) => (
            <span key={rule} className="chip badge">
              {rule}
            </span>
          ))}
        </span>
      )}
      {backup.expiresAt === null ? null : (
        <div className="hint">
          expires <time dateTime={backup.expiresAt}>{formatTime(backup.expiresAt)}</time>
        </div>
      )}
    </>
  );
}

/**
 * An org's backups, newest first: kind, state, start, duration, counts, retention, and what changed per object.
 * `hasPolicy` is undefined until the policy is known (without one nothing is pruned, and no rule keeps anything).
 */
export function BackupHistoryPanel(props: { backups: BackupRow[] | undefined; hasPolicy: boolean | undefined; error: GraphqlError | undefined; onRefresh: () => void }) {
  const { backups } = props;
  return (
    <Panel title="Backup history" id="backups" error={props.error} onRefresh={props.onRefresh}>
      {backups !== undefined && backups.length === 0 ? <p className="empty">No backups of this org yet.</p> : null}
      {backups === undefined || backups.length === 0 ? null : (
        <table className="table backups-table">
          <thead>
            <tr>
              <th scope="col">Backup</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Records</th>
              <th scope="col">Size</th>
              <th scope="col">Retention</th>
              <th scope="col">Changes since the previous backup</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.id} data-backup-id={backup.id}>
                <td>
                  {backup.job === null ? (
                    <span className="mono">{backup.id.slice(-8)}</span>
                  ) : (
                    <Link href={paths.job(backup.job.id)} className="mono" title={`job ${backup.job.id}`}>
                      {backup.id.slice(-8)}
                    </Link>
                  )}
                </td>
                <td data-column="mode">{backup.mode}</td>
                <td data-column="status">
                  <StateBadge state={backup.status} />
                  {backup.errors.map((failed) => (
                    <div key={failed.name} className="row-error">{`${failed.name}: ${failed.error?.code ?? 'failed'}`}</div>
                  ))}
                </td>
                <td>
                  <time dateTime={backup.startedAt ?? backup.createdAt}>{formatTime(backup.startedAt ?? backup.createdAt)}</time>
                </td>
                <td data-column="duration">{backup.durationMs === null ? '—' : formatDuration(backup.durationMs)}</td>
                <td data-column="records">
                  <span data-records={backup.records}>{backup.records.toLocaleString('en-US')}</span>
                  <div className="hint">{`${backup.objectsDone}/${backup.objectsTotal} objects`}</div>
                </td>
                <td>{formatBytes(backup.bytes)}</td>
                <td data-column="retention">
                  <Retention backup={backup} hasPolicy={props.hasPolicy} />
                </td>
                <td data-column="changes">{ENDED.has(backup.status) ? <ChangeBars changes={backup.changes} backupId={backup.id} /> : <span className="hint">when it ends</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
