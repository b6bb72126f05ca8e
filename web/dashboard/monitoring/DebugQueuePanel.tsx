import { useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import { GraphqlError } from '../api/graphqlError.ts';
import { DISCARD_DEBUG_JOB, REQUEUE_FROM_DEBUG, RERUN_IN_DEBUG, type DebugJob } from '../api/monitoringOperations.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { Link, paths } from '../routing/router.tsx';

/** The actions of one debug-queue job; operator-only on the server, so a tenant key sees the refusal's code here. */
function DebugActions(props: { job: DebugJob; onDone: () => void }) {
  const connection = useConnection();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<GraphqlError | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await send();
      props.onDone();
    } catch (failure) {
      setError(GraphqlError.from(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="debug-actions">
      <button type="button" disabled={busy} onClick={() => void run(() => connection.request(RERUN_IN_DEBUG, { id: props.job.id }))}>
        Rerun in debug
      </button>
      <button type="button" disabled={busy} onClick={() => void run(() => connection.request(REQUEUE_FROM_DEBUG, { id: props.job.id }))}>
        Requeue
      </button>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => connection.request(DISCARD_DEBUG_JOB, { id: props.job.id, reason }));
        }}
      >
        <label>
          <span className="visually-hidden">Reason to discard job {props.job.id}</span>
          <input name="reason" placeholder="reason" required value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
        <button type="submit" disabled={busy || reason.trim() === ''}>
          Discard
        </button>
      </form>
      <ErrorNotice error={error} />
    </div>
  );
}

/** Jobs in the debug queue with their last error and the operator's actions. */
export function DebugQueuePanel(props: { jobs: DebugJob[] | undefined; error: GraphqlError | undefined; onRefresh: () => void }) {
  return (
    <Panel title="Debug queue" id="debug-queue" error={props.error} onRefresh={props.onRefresh}>
      {props.jobs !== undefined && props.jobs.length === 0 ? <p className="empty">The debug queue is empty.</p> : null}
      {props.jobs === undefined || props.jobs.length === 0 ? null : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">History</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((job) => (
              <tr key={job.id}>
                <td>
                  <Link href={paths.job(job.id)} className="mono">
                    {job.id.slice(-8)}
                  </Link>{' '}
                  {job.type}
                </td>
                <td>{`${job.attempts}/${job.maxAttempts}`}</td>
                <td>{job.lastError === null ? '—' : `${job.lastError.code}: ${job.lastError.message}`}</td>
                <td>
                  {job.debugActions.map((action) => `${action.kind} ${formatTime(action.at)}${action.by === null ? '' : ` by ${action.by}`}${action.reason === null ? '' : ` (${action.reason})`}`).join('; ')}
                </td>
                <td>
                  <DebugActions job={job} onDone={props.onRefresh} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
