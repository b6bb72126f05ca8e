import type { Caller, JobService } from '../../engine/jobService.ts';
import type { JobView } from '../../engine/jobView.ts';
import { TERMINAL_STATES } from '../../engine/jobState.ts';
import { JobBackedStatus } from '../../storage/index.ts';

/** A job-backed record (backup, restore, export) with its job as read together with it; `job` is `null` without one. */
export type RecordWithJob<V> = V & { job: JobView | null };

/** What {@link readWithJobs} needs of a record. */
interface JobBackedView {
  id: string;
  jobId: string | null;
  status: string;
}

const ENDED_JOB_STATES: ReadonlySet<string> = new Set(TERMINAL_STATES);

/**
 * Records read with their jobs so that a client never sees a job that ended beside a record that did not: a run writes
 * its record's final state before its job turns `SUCCEEDED`, so the record must be read after the job. The records
 * (`read`) come first (they name the jobs), then their jobs in one round trip; a record still `QUEUED`/`RUNNING` whose
 * job has ended meanwhile is read again (`readOne`), now after its job. A record that follows its job after the fact
 * (a job failed or cancelled by the engine: see `JobBackedRecordStore.followJob`) may still lag behind it then.
 */
export async function readWithJobs<V extends JobBackedView>(
  jobs: Pick<JobService, 'getMany'>,
  caller: Caller,
  records: readonly V[],
  readOne: (id: string) => Promise<V | null>,
): Promise<RecordWithJob<V>[]> {
  const jobIds = records.flatMap((r) => (r.jobId === null ? [] : [r.jobId]));
  const found = jobIds.length === 0 ? new Map<string, JobView>() : await jobs.getMany(caller, jobIds);
  return Promise.all(
    records.map(async (record) => {
      const job = record.jobId === null ? null : (found.get(record.jobId) ?? null);
      const unfinished = record.status === JobBackedStatus.Queued || record.status === JobBackedStatus.Running;
      const again = unfinished && job !== null && ENDED_JOB_STATES.has(job.state) ? await readOne(record.id) : null;
      return { ...(again ?? record), job };
    }),
  );
}
