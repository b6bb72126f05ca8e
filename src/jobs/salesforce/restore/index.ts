export { createRestoreJobType, RESTORE_JOB_TYPE } from './restoreJob.ts';
export { RestoreJobInput } from './restoreJobInput.ts';
export type { RestoreCheckpoint, RestoreJobDependencies, RestoreJobResult } from './restoreRun.ts';
