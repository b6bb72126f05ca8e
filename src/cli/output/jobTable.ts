import type { JobSummary } from '../client/jobOperations.ts';
import { progressText } from './jobText.ts';

const COLUMNS: { title: string; value: (job: JobSummary) => string }[] = [
  { title: 'ID', value: (job) => job.id },
  { title: 'TYPE', value: (job) => job.type },
  { title: 'STATE', value: (job) => job.state },
  { title: 'PROGRESS', value: (job) => progressText(job) },
  { title: 'ATTEMPTS', value: (job) => `${job.attempts}/${job.maxAttempts}` },
  { title: 'CREATED', value: (job) => job.createdAt },
];

/** Jobs as a plain-text table with a header line, columns padded to their widest cell. */
export function jobTable(jobs: readonly JobSummary[]): string {
  const rows = [COLUMNS.map((c) => c.title), ...jobs.map((job) => COLUMNS.map((c) => c.value(job)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}
