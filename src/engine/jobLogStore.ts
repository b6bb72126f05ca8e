import type { Collection, Db } from 'mongodb';
import { deleteByIds, deleteMatching, type DeleteBatches } from '../db/deleteBatches.ts';
import { DEFAULT_JOB_LIMITS } from '../config/jobLimitsConfig.ts';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import type { JobRepository } from './jobRepository.ts';

/** A line of a job's own log. */
export interface JobLogLine {
  jobId: string;
  seq: number;
  at: Date;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attempt: number | null;
}

/** The job log collection: its name and the index behind "the last lines of each job". */
export const jobLogsCollection: CollectionSpec = {
  name: 'jobLogs',
  holds: 'a log line of a job',
  indexes: [{ name: 'job_seq', key: { jobId: 1, seq: -1 } }],
};

/** Options of {@link JobLogStore}. */
export interface JobLogStoreOptions {
  /** Lines kept per job, all attempts together; 0: no cap. Default `LONGHAUL_JOB_LOG_MAX_LINES`' default (10000). */
  maxLinesPerJob?: number;
}

/**
 * Job log lines: appended in batches (one line-number reservation and one insert per batch),
 * read back as "the last N lines" of many jobs in one round trip. Past `maxLinesPerJob` lines, a job's
 * further lines are dropped and one last line (kept up to date) says how many.
 */
export class JobLogStore {
  private readonly lines: Collection<JobLogLine>;
  /** Lines kept per job (0: no cap). */
  readonly maxLinesPerJob: number;
  /** Whether lines with an ObjectId `_id` (written by older versions) may remain; `false` once a look found none. */
  private legacyLines: boolean | undefined;

  constructor(
    db: Db,
    private readonly store: JobRepository,
    options: JobLogStoreOptions = {},
  ) {
    this.lines = db.collection<JobLogLine>(jobLogsCollection.name);
    this.maxLinesPerJob = options.maxLinesPerJob ?? DEFAULT_JOB_LIMITS.maxLogLinesPerJob;
  }

  /** Appends lines of one job, numbering them after the job's existing lines; past the cap, drops them and counts them. */
  async append(jobId: string, lines: Omit<JobLogLine, 'jobId' | 'seq'>[]): Promise<void> {
    if (lines.length === 0) return;
    const { first, kept, dropped } = await this.store.reserveLogLines(jobId, lines.length, this.maxLinesPerJob);
    // `_id` `<jobId>:<seq>`: the retention sweep deletes a job's lines by `_id` (indexed on FerretDB), without a scan.
    if (kept > 0) await this.lines.insertMany(lines.slice(0, kept).map((l, i) => ({ _id: lineId(jobId, first + i), ...l, jobId, seq: first + i })) as JobLogLine[], { ordered: false });
    if (dropped === null) return;
    const last = lines.at(-1)!;
    // One line per job, found by its own `_id` and rewritten with the running total.
    await (this.lines as unknown as Collection<{ _id: string } & JobLogLine>).updateOne(
      { _id: lineId(jobId, 'dropped') },
      {
        $set: {
          at: last.at,
          level: 'warn',
          message: `${dropped.total} log line(s) dropped: a job keeps at most ${this.maxLinesPerJob} (LONGHAUL_JOB_LOG_MAX_LINES)`,
          attempt: last.attempt,
        },
        $setOnInsert: { jobId, seq: dropped.seq },
      },
      { upsert: true },
    );
  }

  /**
   * The last `last` lines of each job, oldest first, in one query: each job's line count
   * (kept on the job) says where its last lines start.
   */
  async lastLines(requests: readonly { jobId: string; logCount: number; last: number }[]): Promise<Map<string, JobLogLine[]>> {
    const result = new Map<string, JobLogLine[]>(requests.map((r) => [r.jobId, []]));
    const clauses = requests.filter((r) => r.logCount > 0 && r.last > 0).map((r) => ({ jobId: r.jobId, seq: { $gt: r.logCount - r.last } }));
    if (clauses.length === 0) return result;
    const found = await this.lines.find(clauses.length === 1 ? clauses[0]! : { $or: clauses }, { projection: { _id: 0 } }).sort({ seq: 1 }).toArray();
    for (const line of found) result.get(line.jobId)?.push(line);
    return result;
  }

  /**
   * Deletes every line of `jobs` (deleted jobs: no line is added to them any more) by `_id`, in batches, lines 1 to
   * each job's `logCount` as the job was read before its delete: a line reserved after that read (a run's last
   * lines flushed after its job ended, and only with a TTL shorter than that flush) would stay. Lines written before
   * lines had `_id` `<jobId>:<seq>` are found by a scan, as long as this process has seen some.
   */
  async deleteForJobs(jobs: readonly { id: string; logCount: number }[], batches: DeleteBatches): Promise<number> {
    const ids = jobs.flatMap((job) => [...Array.from({ length: job.logCount }, (_, i) => lineId(job.id, i + 1)), lineId(job.id, 'dropped')]);
    let deleted = await deleteByIds(this.lines as unknown as Collection<{ _id: string }>, ids, batches);
    if (this.legacyLines !== false && jobs.length > 0) {
      this.legacyLines = (await this.lines.findOne({ _id: { $type: 'objectId' } } as never, { projection: { _id: 1 } })) !== null;
      if (this.legacyLines) deleted += await deleteMatching(this.lines, { jobId: { $in: jobs.map((j) => j.id) }, _id: { $type: 'objectId' } } as never, batches);
    }
    return deleted;
  }
}

/** The `_id` of a job's log line `seq` (or of its `dropped` line). */
function lineId(jobId: string, seq: number | 'dropped'): string {
  return `${jobId}:${seq}`;
}
