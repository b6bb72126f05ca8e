import type { DebugActionRecord, JobErrorRecord, JobProgressRecord, JobRecord } from './jobRecord.ts';
import type { JobState } from './jobState.ts';

/** A job as the rest of the system sees it (API, events); user JSON is parsed. */
export interface JobView {
  id: string;
  tenantId: string;
  type: string;
  state: JobState;
  input: unknown;
  priority: number;
  progress: JobProgressRecord;
  attempts: number;
  maxAttempts: number;
  lastError: JobErrorRecord | null;
  errors: JobErrorRecord[];
  result: unknown;
  /** Present when read from the database; absent on event payloads (loaded on demand). */
  checkpoint?: unknown;
  retryAt: Date | null;
  idempotencyKey: string | null;
  createdAt: Date;
  runAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  version: number;
  logCount: number;
  /** How it entered and left the debug queue, oldest first. */
  debugActions?: DebugActionRecord[];
  /** The worker running it, or that ran its last attempt. */
  workerId?: string | null;
  /** The current run's last heartbeat. */
  heartbeatAt?: Date | null;
}

/** Parses JSON text stored by the engine; `null` stays `null`. */
export function parseStoredJson(text: string | null | undefined): unknown {
  return text === null || text === undefined ? null : JSON.parse(text);
}

/** Builds the view of a stored job. `withCheckpoint: false` leaves the checkpoint out (event payloads). */
export function toJobView(doc: JobRecord, withCheckpoint = true): JobView {
  const view: JobView = {
    id: doc.id,
    tenantId: doc.tenantId,
    type: doc.type,
    state: doc.state,
    input: parseStoredJson(doc.input),
    priority: doc.priority,
    progress: doc.report,
    attempts: doc.attempt,
    maxAttempts: doc.maxAttempts,
    lastError: doc.lastError,
    errors: doc.errors,
    result: parseStoredJson(doc.result),
    retryAt: doc.retryAt,
    idempotencyKey: doc.idempotencyKey,
    createdAt: doc.createdAt,
    runAt: doc.runAt,
    startedAt: doc.startedAt,
    finishedAt: doc.finishedAt,
    version: doc.version,
    logCount: doc.logCount,
    debugActions: doc.debugActions,
    workerId: doc.workerId,
    heartbeatAt: doc.heartbeatAt,
  };
  if (withCheckpoint) view.checkpoint = parseStoredJson(doc.checkpoint);
  return view;
}

/** Revives a view that travelled through the bus (dates become `Date` again). */
export function reviveJobView(raw: JobView): JobView {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  const error = (e: JobErrorRecord) => ({ ...e, at: new Date(e.at) });
  return {
    ...raw,
    createdAt: new Date(raw.createdAt),
    runAt: new Date(raw.runAt),
    startedAt: date(raw.startedAt),
    finishedAt: date(raw.finishedAt),
    retryAt: date(raw.retryAt),
    heartbeatAt: date(raw.heartbeatAt ?? null),
    lastError: raw.lastError === null ? null : error(raw.lastError),
    errors: raw.errors.map(error),
    debugActions: (raw.debugActions ?? []).map((a) => ({ ...a, at: new Date(a.at) })),
  };
}
