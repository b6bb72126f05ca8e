import type { ObjectId } from 'mongodb';
import type { DebugActionRecord, JobErrorRecord, JobProgressRecord, JobRecord } from '../jobRecord.ts';
import { JobState } from '../jobState.ts';

/**
 * A job as stored in Agenda's collection: Agenda's fields (`name`, `data`, `nextRunAt`, `lockedAt`, …) plus
 * longhaul's. Only the Agenda adapter reads and writes it; the rest of the engine sees {@link JobRecord}s.
 * User JSON (input, checkpoint, result) is stored as JSON text: it may hold keys with `.` or `$`
 * and nested arrays, which MongoDB-compatible stores refuse or mishandle.
 */
export interface AgendaJobDocument {
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
  /** The client's key, or `id:<job id>` when it gave none (the unique index needs a value). */
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
  version: number;
  logCount: number;
  /** Log lines dropped past the per-job cap (absent or 0: none); the line numbered `logCount` then says how many. */
  logDropped?: number;
  /** Absent until the job first enters the debug queue. */
  debugActions?: DebugActionRecord[];
  debugRerunAttempt?: number | null;
}

/** The engine's view of a stored job; fields a projection left out read as empty. */
export function toJobRecord(doc: AgendaJobDocument): JobRecord {
  return {
    id: doc._id.toHexString(),
    tenantId: doc.tenantId,
    type: doc.name,
    input: doc.data?.input ?? 'null',
    priority: doc.priority,
    state: doc.state,
    idempotencyKey: doc.hasIdempotencyKey ? doc.idempotencyKey : null,
    maxAttempts: doc.maxAttempts,
    attempt: doc.attempt,
    runId: doc.runId ?? null,
    workerId: doc.workerId ?? null,
    report: doc.report,
    checkpoint: doc.checkpoint ?? null,
    checkpointAt: doc.checkpointAt ?? null,
    result: doc.result ?? null,
    lastError: doc.lastError ?? null,
    errors: doc.errors ?? [],
    retryAt: doc.retryAt ?? null,
    createdAt: doc.createdAt,
    runAt: doc.runAt,
    dueAt: waiting(doc) ? (doc.nextRunAt ?? null) : null,
    startedAt: doc.startedAt ?? null,
    finishedAt: doc.finishedAt ?? null,
    heartbeatAt: doc.heartbeatAt ?? null,
    // Jobs claimed by an older version carry no claim time; their lock time is later than the claim, so safe.
    claimedAt: doc.claimedAt ?? doc.lockedAt ?? null,
    version: doc.version,
    logCount: doc.logCount ?? 0,
    debugActions: doc.debugActions ?? [],
    debugRerunAttempt: doc.debugRerunAttempt ?? null,
  };
}

/**
 * Whether Agenda may still start the job by itself: QUEUED or RETRYING and not disabled. Agenda's `nextRunAt` is
 * meaningless otherwise: a run's end is written before Agenda's own save clears it.
 */
function waiting(doc: AgendaJobDocument): boolean {
  return (doc.state === JobState.Queued || doc.state === JobState.Retrying) && doc.disabled !== true;
}
