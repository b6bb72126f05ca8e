export { createBackupJobType, BACKUP_JOB_TYPE, BackupJobInput, type BackupJobDependencies, type BackupJobResult } from './backup/backupJobType.ts';
export type { BackupCheckpoint } from './backup/backupCheckpoint.ts';
export { createRestoreJobType, RESTORE_JOB_TYPE, RestoreJobInput, type RestoreCheckpoint, type RestoreJobDependencies, type RestoreJobResult } from './restore/index.ts';
export { createExportJobType, EXPORT_JOB_TYPE, ExportJobInput, type ExportJobDependencies, type ExportJobResult } from './export/index.ts';
export { BackupChangesService, DEFAULT_CHANGES_PAGE, type BackupChangePage, type BackupChangesRequest, type BackupChangesServiceOptions } from './backup/backupChangesService.ts';
export { BackupService, type BackupServiceOptions, type BackupWithJob, type StartBackupRequest } from './backup/backupService.ts';
export { RestoreService, type RestoreServiceOptions, type RestoreWithJob, type StartRestoreRequest } from './restore/restoreService.ts';
export { ExportService, type ExportServiceOptions, type ExportWithJob, type StartExportRequest } from './export/exportService.ts';
export * from './policy/index.ts';
