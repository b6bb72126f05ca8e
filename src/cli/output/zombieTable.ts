import type { ZombieSummary } from '../client/monitoringOperations.ts';
import { textTable, type TextColumn } from './textTable.ts';

const ZOMBIE_COLUMNS: TextColumn<ZombieSummary>[] = [
  { title: 'JOB', value: (z) => z.job.id },
  { title: 'TYPE', value: (z) => z.job.type },
  { title: 'REASON', value: (z) => z.reason },
  { title: 'SINCE', value: (z) => z.since },
  { title: 'WORKER', value: (z) => z.workerId ?? '-' },
  { title: 'ATTEMPT', value: (z) => String(z.attempt) },
  { title: 'PROGRESS', value: (z) => (z.lastProgress.total === null ? `${z.lastProgress.processed}` : `${z.lastProgress.processed}/${z.lastProgress.total}`) },
  { title: 'ACTION', value: (z) => z.action ?? '-' },
  { title: 'RESOLVED', value: (z) => z.resolvedAt ?? '-' },
];

/** Zombie incidents as a plain-text table. */
export function zombieTable(zombies: readonly ZombieSummary[]): string {
  return textTable(ZOMBIE_COLUMNS, zombies);
}
