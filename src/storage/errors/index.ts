export * from './storageErrorCode.ts';
export * from './backupNotFoundError.ts';
export * from './snapshotUnavailableError.ts';
