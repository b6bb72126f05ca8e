import { useState } from 'react';
import { FINAL_STATES, JOB_STATES, JOB_TYPES, type JobFilter, type JobState } from '../api/jobOperations.ts';
import { useQuery } from '../api/useQuery.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatTime } from '../components/formatTime.ts';
import { Panel } from '../components/Panel.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { Link, paths } from '../routing/router.tsx';
import { CreateJobForm } from './CreateJobForm.tsx';
import { useLiveJobs } from './useLiveJobs.ts';

/** The live jobs list: filters, a create form, and one row per job with its state and progress bar. */
export function JobsView() {
  const types = useQuery(JOB_TYPES, {});
  const [type, setType] = useState('');
  const [state, setState] = useState<JobState | ''>('');
  const filter: JobFilter = { ...(type === '' ? {} : { types: [type] }), ...(state === '' ? {} : { states: [state] }) };
  const live = useLiveJobs(filter);
  const typeNames = types.data?.jobTypes ?? [];

  return (
    <main>
      <Panel title="Create a job" id="create">
        <ErrorNotice error={types.error} what="jobTypes" />
        <CreateJobForm types={typeNames} onCreated={live.add} />
      </Panel>
      <Panel
        title="Jobs"
        id="jobs"
        error={live.error}
        actions={
          <div className="filters" role="group" aria-label="Filters">
            <label>
              Type{' '}
              <select name="filterType" value={type} onChange={(event) => setType(event.target.value)}>
                <option value="">all</option>
                {typeNames.map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              State{' '}
              <select name="filterState" value={state} onChange={(event) => setState(event.target.value as JobState | '')}>
                <option value="">all</option>
                {JOB_STATES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </div>
        }
      >
        {live.loaded && live.rows.length === 0 ? <p className="empty">No jobs{type === '' && state === '' ? ' yet' : ' match the filters'}.</p> : null}
        <table className="table jobs-table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Attempts</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {live.rows.map((job) => (
              <tr key={job.id} data-job-id={job.id}>
                <td>
                  <Link href={paths.job(job.id)} className="mono">
                    {job.id.slice(-8)}
                  </Link>
                </td>
                <td>{job.type}</td>
                <td>
                  <StateBadge state={job.state} />
                </td>
                <td className="progress-cell">
                  <ProgressBar progress={job.progress} label={`Progress of job ${job.id}`} finished={job.state === 'SUCCEEDED'} failed={FINAL_STATES.has(job.state) && job.state !== 'SUCCEEDED'} />
                  {job.lastError === null ? null : <div className="row-error">{`${job.lastError.code}: ${job.lastError.message}`}</div>}
                </td>
                <td>{`${job.attempts}/${job.maxAttempts}`}</td>
                <td>{formatTime(job.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </main>
  );
}
