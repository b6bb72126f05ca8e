import type { JobState } from './jobState.ts';

/** An error kept on a job, one per failed attempt. */
export interface JobErrorRecord {
  code: string;
  message: string;
  stack?: string;
  attempt: number;
  at: Date;
}

/** What happened to a job in the debug queue; mirrors `DebugActionKind` in the SDL. */
export type DebugActionKind = 'ENTERED' | 'RERUN_IN_DEBUG' | 'REQUEUED' | 'DISCARDED';

/** One entry of a job's debug-queue history. */
export interface DebugActionRecord {
  kind: DebugActionKind;
  at: Date;
  /** Tenant of the operator key that acted; `null` when the engine moved the job (ENTERED). */
  by: string | null;
  reason: string | null;
}

/** Progress as a job reported it. */
export interface JobProgressRecord {
  processed: number;
  total: number | null;
  message: string | null;
}

/**
 * A job as the engine reads it back from its {@link import('./jobRepository.ts').JobRepository}, whatever stores it.
 * User JSON (input, checkpoint, result) stays JSON text: it is parsed only where it is used (see `toJobView`).
 */
export interface JobRecord {
  /** The job's id (24 hexadecimal digits). */
  id: string;
  tenantId: string;
  /** The job type's name. */
  type: string;
  /** The validated input, as JSON text. */
  input: string;
  priority: number;
  state: JobState;
  /** The key the client created the job with, or `null`. */
  idempotencyKey: string | null;
  maxAttempts: number;
  /** Attempts started so far (the current one included). */
  attempt: number;
  /** The run that owns the job (fences every other run's writes); `null` when none does. */
  runId: string | null;
  workerId: string | null;
  report: JobProgressRecord;
  checkpoint: string | null;
  checkpointAt: Date | null;
  result: string | null;
  lastError: JobErrorRecord | null;
  errors: JobErrorRecord[];
  /** When a RETRYING job runs again. */
  retryAt: Date | null;
  createdAt: Date;
  /** When the client asked the job to start (its creation time when it did not say). */
  runAt: Date;
  /** When a waiting job (QUEUED or RETRYING) is due to start, for wake-ups; `null` in every other state, or when the scheduler will not start it. */
  dueAt: Date | null;
  /** Set by the first run. */
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  /** When the current (or last) run claimed the job, by its worker's clock; `null` before any claim. */
  claimedAt: Date | null;
  /** Incremented by every change that emits an event: orders one job's events. */
  version: number;
  /** Log lines written so far; line `seq`s run from 1 to this. */
  logCount: number;
  /** How the job entered and left the debug queue, oldest first. */
  debugActions: DebugActionRecord[];
  /** The attempt number of a pending or running debug rerun (`rerunInDebug`): one attempt with debug logging; `null` otherwise. */
  debugRerunAttempt: number | null;
}
