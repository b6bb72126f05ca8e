import type { Collection, Db } from 'mongodb';
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
    if (kept > 0) await this.lines.insertMany(lines.slice(0, kept).map((l, i) => ({ ...l, jobId, seq: first + i })), { ordered: false });
    if (dropped === null) return;
    const last = lines.at(-1)!;
    // One line per job, found by its own `_id` and rewritten with the running total.
    await (this.lines as unknown as Collection<{ _id: string } & JobLogLine>).updateOne(
      { _id: `${jobId}:dropped` },
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
}
