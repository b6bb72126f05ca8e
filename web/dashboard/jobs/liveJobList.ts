import { FINAL_STATES, type JobFilter, type JobRow } from '../api/jobOperations.ts';

/** How many jobs the live list keeps (the newest); the list query asks for as many. */
export const LIVE_LIST_SIZE = 100;

/**
 * Which of two versions of one job is further along. Events and query answers can cross (the subscription starts
 * before the list query so nothing is missed in between), and a job only moves forward: more attempts, then
 * finished over unfinished, then started over queued, then more processed. A tie goes to `incoming`.
 */
export function furtherAlong(current: JobRow, incoming: JobRow): JobRow {
  const rank = (job: JobRow): number[] => [job.attempts, FINAL_STATES.has(job.state) ? 1 : 0, job.startedAt === null ? 0 : 1, job.progress.processed];
  const a = rank(current);
  const b = rank(incoming);
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]! > b[i]!) return current;
    if (a[i]! < b[i]!) return incoming;
  }
  return incoming;
}

/** True when `job` belongs in a list filtered by `filter`. */
export function matchesFilter(job: JobRow, filter: JobFilter): boolean {
  if (filter.types !== undefined && filter.types.length > 0 && !filter.types.includes(job.type)) return false;
  if (filter.states !== undefined && filter.states.length > 0 && !filter.states.includes(job.state)) return false;
  return true;
}

/**
 * `rows` with `incoming` jobs applied: updated in place when present (the version further along wins), added when
 * new, removed when they no longer match `filter` (a state filter: the job moved on). Newest first, at most
 * {@link LIVE_LIST_SIZE}.
 */
export function applyJobs(rows: readonly JobRow[], incoming: Iterable<JobRow>, filter: JobFilter): JobRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const job of incoming) {
    const current = byId.get(job.id);
    const next = current === undefined ? job : furtherAlong(current, job);
    if (matchesFilter(next, filter)) byId.set(job.id, next);
    else byId.delete(job.id);
  }
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1)).slice(0, LIVE_LIST_SIZE);
}
