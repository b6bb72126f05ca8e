export { createBackupJobType, BACKUP_JOB_TYPE, BackupJobInput, type BackupCheckpoint, type BackupJobDependencies, type BackupJobResult } from './backupJob.ts';
