import { ObjectId, type Collection, type Db } from 'mongodb';
import { Collections } from '../db/collections.ts';
import type { JobStore } from './jobStore.ts';

/** A line of a job's own log. */
export interface JobLogLine {
  jobId: string;
  seq: number;
  at: Date;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attempt: number | null;
}

/**
 * Job log lines: appended in batches (one line-number reservation and one insert per batch),
 * read back as "the last N lines" of many jobs in one round trip.
 */
export class JobLogStore {
  private readonly lines: Collection<JobLogLine>;

  constructor(
    db: Db,
    private readonly store: JobStore,
  ) {
    this.lines = db.collection<JobLogLine>(Collections.jobLogs);
  }

  /** Appends lines of one job, numbering them after the job's existing lines. */
  async append(jobId: string, lines: Omit<JobLogLine, 'jobId' | 'seq'>[]): Promise<void> {
    if (lines.length === 0) return;
    const last = await this.store.reserveLogLines(new ObjectId(jobId), lines.length);
    const first = last - lines.length + 1;
    await this.lines.insertMany(lines.map((l, i) => ({ ...l, jobId, seq: first + i })), { ordered: false });
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
