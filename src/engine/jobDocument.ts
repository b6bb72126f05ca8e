import type { ObjectId } from 'mongodb';
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
 * A job as stored: Agenda's fields (`name`, `data`, `nextRunAt`, `lockedAt`, …) plus longhaul's.
 * User JSON (input, checkpoint, result) is stored as JSON text: it may hold keys with `.` or `$`
 * and nested arrays, which MongoDB-compatible stores refuse or mishandle.
 */
export interface JobDocument {
  _id: ObjectId;
  // Agenda's
  name: string;
  /** `tenantId` is a copy of the job's, for the scheduler's hand-over (absent on jobs created before it was added). */
  data: { input: string; tenantId?: string };
  priority: number;
  nextRunAt: Date | null;
  type: 'normal';
  lockedAt: Date | null;
  disabled: boolean;
  lastModifiedBy: string | null;
  // longhaul's
  tenantId: string;
  state: JobState;
  idempotencyKey: string;
  /** True when the client supplied `idempotencyKey` (otherwise it is the job's own id). */
  hasIdempotencyKey: boolean;
  maxAttempts: number;
  attempt: number;
  runId: string | null;
  workerId: string | null;
  report: JobProgressRecord;
  checkpoint: string | null;
  checkpointAt: Date | null;
  result: string | null;
  lastError: JobErrorRecord | null;
  errors: JobErrorRecord[];
  retryAt: Date | null;
  createdAt: Date;
  runAt: Date;
  /** Set by the first run (absent before: `$min` then sets it once). */
  startedAt?: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  /** When the current (or last) run claimed the job, by its worker's clock (absent on jobs claimed by older versions). */
  claimedAt?: Date | null;
  /** Incremented by every change that emits an event: orders one job's events. */
  version: number;
  /** Log lines written so far; line `seq`s run from 1 to this. */
  logCount: number;
  /** Log lines dropped past the per-job cap (absent or 0: none); the line numbered `logCount` then says how many. */
  logDropped?: number;
  /** How the job entered and left the debug queue, oldest first (absent until it first enters). */
  debugActions?: DebugActionRecord[];
  /** The attempt number of a pending or running debug rerun (`rerunInDebug`): one attempt with debug logging; `null` otherwise. */
  debugRerunAttempt?: number | null;
}
