export { BackupFileStore, type StoredPart } from './backupFileStore.ts';
export { BackupStore, parseBackupId } from './backupStore.ts';
export { BackupMode, BackupObjectStatus, BackupStatus, toBackupView, type BackupDocument, type BackupObjectEntry, type BackupView } from './backupDocument.ts';
