/** Stable codes of the engine's errors; the API maps them to GraphQL `extensions.code`. */
export const EngineErrorCode = {
  JobNotFound: 'JOB_NOT_FOUND',
  UnknownJobType: 'UNKNOWN_JOB_TYPE',
  InternalJobType: 'INTERNAL_JOB_TYPE',
  InvalidJobInput: 'INVALID_JOB_INPUT',
  InvalidJobId: 'INVALID_JOB_ID',
  InvalidCursor: 'INVALID_CURSOR',
  JobStateConflict: 'JOB_STATE_CONFLICT',
  RunFenced: 'RUN_FENCED',
  JobCancelled: 'JOB_CANCELLED',
  WorkerShutdown: 'WORKER_SHUTDOWN',
  JobFailed: 'JOB_FAILED',
  UnhandledRejection: 'UNHANDLED_REJECTION',
  UncaughtException: 'UNCAUGHT_EXCEPTION',
  WorkerLost: 'WORKER_LOST',
  JobNotInDebugQueue: 'JOB_NOT_IN_DEBUG_QUEUE',
  JobHung: 'JOB_HUNG',
  RateLimited: 'RATE_LIMITED',
  QuotaExceeded: 'QUOTA_EXCEEDED',
  LockLost: 'LOCK_LOST',
  ShutdownIncomplete: 'SHUTDOWN_INCOMPLETE',
  JobBatchItem: 'JOB_BATCH_ITEM',
  JobBatchTooLarge: 'JOB_BATCH_TOO_LARGE',
  InvalidSchedule: 'INVALID_SCHEDULE',
  ScheduleNotFound: 'SCHEDULE_NOT_FOUND',
  OwnedSchedule: 'OWNED_SCHEDULE',
} as const;
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/** Base of every engine error: a stable {@link EngineErrorCode}. */
export abstract class EngineError extends Error {
  abstract readonly code: EngineErrorCode;
}
