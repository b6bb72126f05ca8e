import type { ScheduleSummary } from '../client/scheduleOperations.ts';
import { textTable, type TextColumn } from './textTable.ts';

const SCHEDULE_COLUMNS: TextColumn<ScheduleSummary>[] = [
  { title: 'ID', value: (s) => s.id },
  { title: 'NAME', value: (s) => s.name },
  { title: 'TYPE', value: (s) => s.jobType },
  { title: 'WHEN', value: (s) => (s.cron !== null && s.cron !== undefined ? `${s.cron} (${s.timezone})` : `every ${s.every ?? '?'}`) },
  { title: 'STATE', value: (s) => (s.enabled ? 'enabled' : 'paused') },
  { title: 'NEXT RUN', value: (s) => s.nextRunAt ?? '-' },
  { title: 'LAST RUN', value: (s) => (s.lastRun === null || s.lastRun === undefined ? '-' : `${s.lastRun.occurrenceAt} ${s.lastRun.job?.state ?? ''}`.trim()) },
  { title: 'OWNER', value: (s) => s.owner ?? '-' },
];

/** Schedules as a plain-text table. */
export function scheduleTable(schedules: readonly ScheduleSummary[]): string {
  return textTable(SCHEDULE_COLUMNS, schedules);
}
