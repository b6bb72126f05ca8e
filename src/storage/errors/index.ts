export * from './storageErrorCode.ts';
export * from './backupNotFoundError.ts';
export * from './snapshotUnavailableError.ts';
export * from './backupNotFinishedError.ts';
export * from './recordNotFoundError.ts';
export * from './fileUnavailableError.ts';
export * from './backupRunningError.ts';
export * from './invalidBackupPolicyError.ts';
