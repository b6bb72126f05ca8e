import { useEffect, useMemo, useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import { GraphqlError } from '../api/graphqlError.ts';
import { CANCEL_JOB, FINAL_STATES, JOB_LOGS, RETRY_JOB, type JobDetail } from '../api/jobOperations.ts';
import { throttle } from '../api/throttle.ts';
import { useQuery } from '../api/useQuery.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatDuration, formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';
import { JobTimeline } from './JobTimeline.tsx';
import { useWatchedJob } from './useWatchedJob.ts';

/** Log lines the page shows. */
const LOG_LINES = 200;
/** Least time between two log queries triggered by events. */
const LOG_REFRESH_MS = 2000;

function Json(props: { value: unknown }) {
  return <pre className="json">{props.value === null || props.value === undefined ? '—' : JSON.stringify(props.value, null, 2)}</pre>;
}

/** One job: progress, checkpoint, attempts, errors with their stacks, logs, the event timeline, cancel and retry. */
export function JobPage(props: { id: string }) {
  const connection = useConnection();
  const watched = useWatchedJob(props.id);
  const logs = useQuery(JOB_LOGS, { id: props.id, last: LOG_LINES });
  const [actionError, setActionError] = useState<GraphqlError | undefined>();
  const job = watched.job;

  // Logs have no events of their own: they are queried again, throttled, when the job's events say it moved.
  const refreshLogs = useMemo(() => throttle(logs.refetch, LOG_REFRESH_MS), [logs.refetch]);
  useEffect(() => () => refreshLogs.cancel(), [refreshLogs]);
  const eventCount = watched.events.length;
  useEffect(() => {
    if (eventCount > 0) refreshLogs();
  }, [eventCount, refreshLogs]);
  useEffect(() => {
    if (watched.ended) logs.refetch();
  }, [watched.ended, logs.refetch]);

  const act = async (send: () => Promise<JobDetail>) => {
    setActionError(undefined);
    try {
      watched.update(await send());
    } catch (failure) {
      setActionError(GraphqlError.from(failure));
    }
  };

  const finished = job !== undefined && FINAL_STATES.has(job.state);
  return (
    <main>
      <p>
        <Link href={paths.jobs}>← all jobs</Link>
      </p>
      <Panel
        title={job === undefined ? `Job ${props.id}` : `${job.type} · ${props.id}`}
        id="job"
        error={watched.error}
        actions={
          job === undefined ? null : (
            <div className="actions">
              <button type="button" disabled={finished} onClick={() => void act(async () => (await connection.request(CANCEL_JOB, { id: props.id })).cancelJob)}>
                Cancel
              </button>
              <button type="button" disabled={!(job.state === 'FAILED' || job.state === 'CANCELLED')} onClick={() => void act(async () => (await connection.request(RETRY_JOB, { id: props.id })).retryJob)}>
                Retry
              </button>
            </div>
          )
        }
      >
        <ErrorNotice error={actionError} what="action" />
        {job === undefined ? (
          <p className="empty">{watched.error === undefined ? 'Loading…' : ''}</p>
        ) : (
          <>
            <dl className="facts">
              <dt>State</dt>
              <dd>
                <StateBadge state={job.state} />
                {job.progress.message === null ? null : <span className="hint"> {job.progress.message}</span>}
              </dd>
              <dt>Progress</dt>
              <dd>
                <ProgressBar progress={job.progress} label={`Progress of job ${job.id}`} finished={job.state === 'SUCCEEDED'} failed={finished && job.state !== 'SUCCEEDED'} />
              </dd>
              <dt>Attempts</dt>
              <dd>{`${job.attempts} of ${job.maxAttempts}`}{job.retryAt === null ? '' : `, next at ${formatTime(job.retryAt)}`}</dd>
              <dt>Priority</dt>
              <dd>{job.priority}</dd>
              <dt>Created</dt>
              <dd>{formatTime(job.createdAt)}</dd>
              <dt>Started</dt>
              <dd>{formatTime(job.startedAt)}</dd>
              <dt>Finished</dt>
              <dd>
                {formatTime(job.finishedAt)}
                {job.startedAt !== null && job.finishedAt !== null ? ` (${formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))})` : ''}
              </dd>
            </dl>
            <div className="columns">
              <div>
                <h3>Input</h3>
                <Json value={job.input} />
              </div>
              <div>
                <h3>Checkpoint</h3>
                <Json value={job.checkpoint} />
              </div>
              <div>
                <h3>Result</h3>
                <Json value={job.result} />
              </div>
            </div>
          </>
        )}
      </Panel>
      <Panel title={`Errors${job === undefined ? '' : ` (${job.errors.length})`}`} id="errors">
        {job === undefined || job.errors.length === 0 ? <p className="empty">No failed attempts.</p> : null}
        {job?.errors.map((error) => (
          <details key={`${error.attempt}-${error.at}`} className="job-error">
            <summary>
              {`attempt ${error.attempt} · ${formatTime(error.at)} · `}
              <code className="error-code">{error.code}</code> {error.message}
            </summary>
            <pre className="stack">{error.stack ?? 'stack not shown (operators only) or not recorded'}</pre>
          </details>
        ))}
      </Panel>
      <div className="columns">
        <Panel title="Timeline" id="timeline">
          <JobTimeline events={watched.events} />
        </Panel>
        <Panel title="Logs" id="logs" error={logs.error} onRefresh={logs.refetch}>
          {logs.data?.job?.logs.length === 0 ? <p className="empty">No log lines.</p> : null}
          <ol className="logs" aria-label="Log lines">
            {logs.data?.job?.logs.map((line, index) => (
              <li key={index} className={`log log-${line.level}`}>
                <time dateTime={line.at}>{formatTime(line.at)}</time> <span className="log-level">{line.level}</span>
                {line.attempt === null ? '' : <span className="hint">{` #${line.attempt}`}</span>} {line.message}
              </li>
            ))}
          </ol>
        </Panel>
      </div>
    </main>
  );
}
