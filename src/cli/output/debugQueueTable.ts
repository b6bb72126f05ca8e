import type { DebugJobSummary } from '../client/monitoringOperations.ts';
import { textTable, type TextColumn } from './textTable.ts';

/** When the job entered the debug queue (its last ENTERED action), else when it was created. */
function enteredAt(job: DebugJobSummary): string {
  return job.debugActions.filter((a) => a.kind === 'ENTERED').at(-1)?.at ?? job.createdAt;
}

const DEBUG_COLUMNS: TextColumn<DebugJobSummary>[] = [
  { title: 'ID', value: (job) => job.id },
  { title: 'TYPE', value: (job) => job.type },
  { title: 'ATTEMPTS', value: (job) => `${job.attempts}/${job.maxAttempts}` },
  { title: 'ENTERED', value: enteredAt },
  { title: 'LAST ERROR', value: (job) => (job.lastError === null ? '-' : `${job.lastError.code}: ${job.lastError.message}`) },
];

/** Jobs of the debug queue as a plain-text table. */
export function debugQueueTable(jobs: readonly DebugJobSummary[]): string {
  return textTable(DEBUG_COLUMNS, jobs);
}
