import type { JobSummary } from '../client/jobOperations.ts';
import { formatDuration } from './formatDuration.ts';

/** `450/1000 (45%)`, or `450` when the job does not know its total. */
export function progressText(job: JobSummary): string {
  const { processed, total, fraction } = job.progress;
  if (total === null) return `${processed}`;
  return `${processed}/${total} (${Math.floor((fraction ?? (total === 0 ? 1 : processed / total)) * 100)}%)`;
}

/** The last line `jobs watch` prints: the final state, how long it ran, and the result or the error. */
export function outcomeText(job: JobSummary): string {
  const took = job.startedAt !== null && job.finishedAt !== null ? ` in ${formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))}` : '';
  const attempts = `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`;
  switch (job.state) {
    case 'SUCCEEDED':
      return `job ${job.id} SUCCEEDED${took} after ${attempts}; result: ${JSON.stringify(job.result)}`;
    case 'FAILED':
    case 'DEBUG':
    case 'CANCELLED': {
      const error = job.lastError === null ? '' : `; last error ${job.lastError.code}: ${job.lastError.message}`;
      return `job ${job.id} ${job.state} after ${attempts}${error}`;
    }
    case 'QUEUED':
    case 'RUNNING':
    case 'RETRYING':
      return `job ${job.id} is ${job.state}`;
    default: {
      const exhaustive: never = job.state;
      return `job ${job.id} is ${String(exhaustive)}`;
    }
  }
}
