import type { BackupSummary } from '../client/backupOperations.ts';
import { formatDuration } from './formatDuration.ts';
import { textTable, type TextColumn } from './textTable.ts';

const BACKUP_COLUMNS: TextColumn<BackupSummary>[] = [
  { title: 'BACKUP', value: (b) => b.id },
  { title: 'MODE', value: (b) => b.mode },
  { title: 'STATUS', value: (b) => b.status },
  { title: 'RECORDS', value: (b) => String(b.records) },
  { title: 'CREATED', value: (b) => String(b.createdAt) },
  { title: 'DURATION', value: (b) => (b.durationMs === null || b.durationMs === undefined ? '-' : formatDuration(b.durationMs)) },
  { title: 'KEPT BY', value: (b) => (b.keptBy.length === 0 ? '-' : b.keptBy.join(',')) },
  { title: 'EXPIRES', value: (b) => (b.expiresAt === null || b.expiresAt === undefined ? '-' : String(b.expiresAt)) },
];

/** An org's backups as a plain-text table. */
export function backupTable(backups: readonly BackupSummary[]): string {
  return textTable(BACKUP_COLUMNS, backups);
}
