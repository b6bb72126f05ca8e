import type { JobSummary } from '../client/jobOperations.ts';
import { progressText } from './jobText.ts';
import { textTable, type TextColumn } from './textTable.ts';

const COLUMNS: TextColumn<JobSummary>[] = [
  { title: 'ID', value: (job) => job.id },
  { title: 'TYPE', value: (job) => job.type },
  { title: 'STATE', value: (job) => job.state },
  { title: 'PROGRESS', value: (job) => progressText(job) },
  { title: 'ATTEMPTS', value: (job) => `${job.attempts}/${job.maxAttempts}` },
  { title: 'CREATED', value: (job) => job.createdAt },
];

/** Jobs as a plain-text table with a header line, columns padded to their widest cell. */
export function jobTable(jobs: readonly JobSummary[]): string {
  return textTable(COLUMNS, jobs);
}
