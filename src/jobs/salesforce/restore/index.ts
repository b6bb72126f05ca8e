export { createRestoreJobType, RESTORE_JOB_TYPE } from './restoreJob.ts';
export { RestoreJobInput } from './restoreJobInput.ts';
export type { RestoreCheckpoint } from './restoreCheckpoint.ts';
export type { RestoreJobDependencies } from './restoreJobDependencies.ts';
export type { RestoreJobResult } from './restoreRun.ts';
