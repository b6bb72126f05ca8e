import { ObjectId, type Collection, type Db, type Filter, type UpdateFilter } from 'mongodb';
import { Collections } from '../db/collections.ts';
import { newJobObjectId } from '../db/recordId.ts';
import type { DebugActionRecord, JobDocument, JobErrorRecord, JobProgressRecord } from './jobDocument.ts';
import { JobState, RUNNABLE_STATES, TERMINAL_STATES } from './jobState.ts';
import { InvalidCursorError, InvalidJobIdError } from './errors/index.ts';

/** Filter of {@link JobStore.list}. */
export interface JobListFilter {
  types?: string[] | null;
  states?: JobState[] | null;
}

/** What a new job is created with. */
export interface NewJob {
  tenantId: string;
  type: string;
  input: unknown;
  priority: number;
  runAt: Date;
  maxAttempts: number;
  idempotencyKey?: string | null;
  /** The job's id, when the caller needs it before the insert (e.g. to count it against a quota); default a new one. */
  id?: ObjectId;
}

/** What {@link JobStore.peek} tells about a job. */
export type JobGlimpse = Pick<JobDocument, 'state' | 'runId' | 'heartbeatAt'>;

/** Line numbers reserved by {@link JobStore.reserveLogLines}. */
export interface LogReservation {
  /** Number of the first line kept. */
  first: number;
  /** How many of the lines (from the first) are kept. */
  kept: number;
  /** With a cap reached: lines dropped so far for the job, all batches together, and the number of the line that says so. */
  dropped: { total: number; seq: number } | null;
}

/** Outcome of a run's heartbeat. */
export type HeartbeatOutcome = 'alive' | 'fenced' | 'cancelled';

/** Parses a job id; throws {@link InvalidJobIdError}. */
export function parseJobId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new InvalidJobIdError(`"${id.slice(0, 40)}" is not a job id`);
  return new ObjectId(id);
}

/**
 * Every read and write of job documents. A run's writes are fenced by its `runId`:
 * a run that lost its job to a newer run matches nothing and learns it from the `null` it gets back.
 */
export class JobStore {
  private readonly jobs: Collection<JobDocument>;

  constructor(db: Db) {
    this.jobs = db.collection<JobDocument>(Collections.jobs);
  }

  /** Inserts a job; with an idempotency key already used by the tenant, returns that job instead (`created: false`). */
  async create(job: NewJob): Promise<{ doc: JobDocument; created: boolean }> {
    const _id = job.id ?? newJobObjectId();
    const now = new Date();
    const doc: JobDocument = {
      _id,
      name: job.type,
      // The tenant also rides in Agenda's `data`, which the scheduler hands over: a run finds its tenant's slot without a read.
      data: { input: JSON.stringify(job.input ?? null), tenantId: job.tenantId },
      priority: job.priority,
      nextRunAt: job.runAt,
      type: 'normal',
      lockedAt: null,
      disabled: false,
      lastModifiedBy: null,
      tenantId: job.tenantId,
      state: JobState.Queued,
      idempotencyKey: job.idempotencyKey ?? `id:${_id.toHexString()}`,
      hasIdempotencyKey: job.idempotencyKey !== undefined && job.idempotencyKey !== null,
      maxAttempts: job.maxAttempts,
      attempt: 0,
      runId: null,
      workerId: null,
      report: { processed: 0, total: null, message: null },
      checkpoint: null,
      checkpointAt: null,
      result: null,
      lastError: null,
      errors: [],
      retryAt: null,
      createdAt: now,
      runAt: job.runAt,
      finishedAt: null,
      heartbeatAt: null,
      version: 1,
      logCount: 0,
    };
    try {
      await this.jobs.insertOne(doc);
      return { doc, created: true };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000 || !doc.hasIdempotencyKey) throw error;
      const existing = await this.jobs.findOne({ tenantId: job.tenantId, idempotencyKey: doc.idempotencyKey });
      if (existing === null) throw error;
      return { doc: existing, created: false };
    }
  }

  /** A job by id; `tenantId: null` reads across tenants (workers, operators). */
  async get(id: ObjectId, tenantId: string | null): Promise<JobDocument | null> {
    return this.jobs.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId });
  }

  /** A tenant's job by its idempotency key, or `null`. */
  async findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<JobDocument | null> {
    return this.jobs.findOne({ tenantId, idempotencyKey });
  }

  /** State, run and heartbeat of jobs by id in one round trip (missing jobs are absent from the map). */
  async peek(ids: readonly ObjectId[]): Promise<Map<string, JobGlimpse>> {
    if (ids.length === 0) return new Map();
    const docs = await this.jobs.find({ _id: { $in: [...ids] } }, { projection: { state: 1, runId: 1, heartbeatAt: 1 } }).toArray();
    return new Map(docs.map((d) => [d._id.toHexString(), { state: d.state, runId: d.runId, heartbeatAt: d.heartbeatAt }]));
  }

  /** Makes a job that waits for a running slot due now; `null` unless it still waits to run (QUEUED or RETRYING). */
  async wakeWaiting(id: ObjectId): Promise<JobDocument | null> {
    return this.jobs.findOneAndUpdate({ _id: id, state: { $in: [JobState.Queued, JobState.Retrying] } }, { $set: { nextRunAt: new Date() } }, { returnDocument: 'after' });
  }

  /** Jobs by id in one round trip, in no particular order. */
  async getMany(ids: readonly ObjectId[]): Promise<JobDocument[]> {
    return this.jobs.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** A page of a tenant's jobs (`tenantId: null`: every tenant's, for operators), newest first; `after` is a cursor from a previous page. */
  async list(tenantId: string | null, filter: JobListFilter, first: number, after?: string | null): Promise<{ docs: JobDocument[]; hasNextPage: boolean }> {
    const query: Filter<JobDocument> = tenantId === null ? {} : { tenantId };
    if (filter.types && filter.types.length > 0) query.name = { $in: filter.types };
    if (filter.states && filter.states.length > 0) query.state = { $in: filter.states };
    if (after !== undefined && after !== null) {
      const { createdAt, id } = decodeCursor(after);
      query.$or = [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: id } }];
    }
    const docs = await this.jobs.find(query).sort({ createdAt: -1, _id: -1 }).limit(first + 1).toArray();
    return { docs: docs.slice(0, first), hasNextPage: docs.length > first };
  }

  /** Marks a job cancelled unless it already ended; `null` when it did (or is not the tenant's). */
  async cancel(id: ObjectId, tenantId: string): Promise<JobDocument | null> {
    return this.jobs.findOneAndUpdate(
      { _id: id, tenantId, state: { $nin: [...TERMINAL_STATES] } },
      { $set: { state: JobState.Cancelled, finishedAt: new Date(), disabled: true, retryAt: null }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
  }

  /** Puts a FAILED or CANCELLED job back in the queue with fresh attempts; `null` when its state does not allow it or a run still holds it. */
  async requeue(id: ObjectId, tenantId: string | null, fromStates: JobState[]): Promise<JobDocument | null> {
    const now = new Date();
    const filter: Filter<JobDocument> = { _id: id, state: { $in: fromStates }, lockedAt: null };
    if (tenantId !== null) filter.tenantId = tenantId;
    return this.jobs.findOneAndUpdate(
      filter,
      {
        $set: { state: JobState.Queued, attempt: 0, nextRunAt: now, disabled: false, finishedAt: null, retryAt: null, runId: null, result: null, debugRerunAttempt: null },
        $inc: { version: 1 },
      },
      { returnDocument: 'after' },
    );
  }

  /**
   * Claims a job for a new run: bumps the attempt and fences out any older run. `null` when the job is not runnable.
   * With `takeOverAfterMs`, a RUNNING job is taken over only once its run gave no sign of life (heartbeat, progress)
   * for that long: a scheduler that offers a job whose live run's lock it lost track of (a stale save after a
   * database outage) does not fence that run.
   */
  async startRun(id: ObjectId, runId: string, workerId: string, options: { takeOverAfterMs?: number } = {}): Promise<JobDocument | null> {
    const now = new Date();
    const runnable: Filter<JobDocument> =
      options.takeOverAfterMs === undefined
        ? { state: { $in: [...RUNNABLE_STATES] } }
        : {
            $or: [
              { state: { $in: RUNNABLE_STATES.filter((state) => state !== JobState.Running) } },
              { state: JobState.Running, heartbeatAt: { $lt: new Date(now.getTime() - options.takeOverAfterMs) } },
              { state: JobState.Running, heartbeatAt: null },
            ],
          };
    return this.jobs.findOneAndUpdate(
      { _id: id, ...runnable },
      {
        $set: { state: JobState.Running, runId, workerId, heartbeatAt: now, lockedAt: now, claimedAt: now, retryAt: null },
        $min: { startedAt: now },
        $inc: { attempt: 1, version: 1 },
      },
      { returnDocument: 'after' },
    );
  }

  /** Refreshes a run's lock; says whether the run still owns its job. */
  async heartbeat(id: ObjectId, runId: string, lockedAt: Date): Promise<HeartbeatOutcome> {
    const res = await this.jobs.updateOne({ _id: id, runId, state: JobState.Running }, { $set: { lockedAt, heartbeatAt: lockedAt } });
    if (res.matchedCount === 1) return 'alive';
    const doc = await this.jobs.findOne({ _id: id }, { projection: { runId: 1, state: 1 } });
    return doc !== null && doc.runId === runId && doc.state === JobState.Cancelled ? 'cancelled' : 'fenced';
  }

  /** Persists progress of a running run; `null` if fenced. */
  async saveProgress(id: ObjectId, runId: string, report: JobProgressRecord): Promise<JobDocument | null> {
    return this.fenced(id, runId, true, { $set: { report, heartbeatAt: new Date() }, $inc: { version: 1 } });
  }

  /** Persists a checkpoint; allowed while the run owns the job, even if it was just cancelled. `null` if fenced. */
  async saveCheckpoint(id: ObjectId, runId: string, checkpointJson: string): Promise<JobDocument | null> {
    return this.fenced(id, runId, false, { $set: { checkpoint: checkpointJson, checkpointAt: new Date() } });
  }

  /** Ends a run as SUCCEEDED. */
  async succeed(id: ObjectId, runId: string, resultJson: string, report: JobProgressRecord): Promise<JobDocument | null> {
    return this.fenced(id, runId, true, { $set: { state: JobState.Succeeded, result: resultJson, report, finishedAt: new Date() }, $inc: { version: 1 } });
  }

  /** Ends a run with an error: RETRYING until `retryAt` or, when attempts are spent, FAILED. */
  async fail(id: ObjectId, runId: string, error: JobErrorRecord, retryAt: Date | null, release: boolean): Promise<JobDocument | null> {
    const set: Record<string, unknown> =
      retryAt === null ? { state: JobState.Failed, lastError: error, finishedAt: new Date() } : { state: JobState.Retrying, lastError: error, retryAt };
    // A process about to exit releases the lock itself: Agenda will not get to.
    if (release) Object.assign(set, { lockedAt: null, nextRunAt: retryAt, runId: null });
    return this.fenced(id, runId, true, { $set: set, $push: { errors: error }, $inc: { version: 1 } });
  }

  /** Puts a run interrupted by shutdown back in the queue; the interrupted attempt is not counted. */
  async requeueInterrupted(id: ObjectId, runId: string): Promise<JobDocument | null> {
    // The lock goes with the write: the process may exit before the scheduler saves the job itself.
    return this.fenced(id, runId, true, { $set: { state: JobState.Queued, runId: null, lockedAt: null, nextRunAt: new Date() }, $inc: { version: 1, attempt: -1 } });
  }

  /** Every RUNNING job, without its user JSON and error history (the zombie detector's scan). */
  async listRunning(): Promise<JobDocument[]> {
    return this.jobs.find({ state: JobState.Running }, { projection: { data: 0, checkpoint: 0, result: 0, errors: 0 } }).toArray();
  }

  /**
   * Puts back in the queue a run whose worker was lost: the lost attempt counts and is recorded as an error,
   * the lock is released and the job is due now. Fenced by the lost run's id: `null` if a newer run took it.
   */
  async requeueLost(id: ObjectId, runId: string, error: JobErrorRecord): Promise<JobDocument | null> {
    return this.fenced(id, runId, true, {
      $set: { state: JobState.Queued, lastError: error, lockedAt: null, nextRunAt: new Date(), runId: null },
      $push: { errors: error },
      $inc: { version: 1 },
    });
  }

  /**
   * Ends a run in the debug queue (state `DEBUG`): the error joins the job's others and an `ENTERED` debug
   * action is recorded with `reason`. With `release` (the run's process is gone, e.g. a zombie's worker),
   * also frees the scheduler's lock. Fenced by the run's id: `null` if a newer run took the job.
   */
  async moveToDebug(id: ObjectId, runId: string, error: JobErrorRecord, options: { reason?: string; release?: boolean } = {}): Promise<JobDocument | null> {
    const now = new Date();
    const set: Record<string, unknown> = { state: JobState.Debug, lastError: error, finishedAt: now, retryAt: null, debugRerunAttempt: null };
    if (options.release === true) Object.assign(set, { lockedAt: null, nextRunAt: null, runId: null });
    const entered: DebugActionRecord = { kind: 'ENTERED', at: now, by: null, reason: options.reason ?? `${error.code}: ${error.message}`.slice(0, 2000) };
    return this.fenced(id, runId, true, { $set: set, $push: { errors: error, debugActions: entered }, $inc: { version: 1 } });
  }

  /**
   * Queues one more attempt of a `DEBUG` job, from its checkpoint, as a debug rerun (attempt `fromAttempt + 1`).
   * `null` unless the job is in the debug queue at attempt `fromAttempt`, released (see {@link releasedFilter}),
   * and (with `tenantId`) the tenant's.
   */
  async startDebugRerun(id: ObjectId, tenantId: string | null, fromAttempt: number, action: DebugActionRecord, endedBefore: Date): Promise<JobDocument | null> {
    return this.leaveDebug(id, tenantId, { attempt: fromAttempt, ...releasedFilter(endedBefore) }, {
      $set: { state: JobState.Queued, nextRunAt: new Date(), lockedAt: null, disabled: false, finishedAt: null, retryAt: null, runId: null, debugRerunAttempt: fromAttempt + 1 },
      $push: { debugActions: action },
      $inc: { version: 1 },
    });
  }

  /** Puts a `DEBUG` job back in the queue with fresh attempts, from its checkpoint; `null` unless it is in the debug queue and released (see {@link releasedFilter}). */
  async requeueFromDebug(id: ObjectId, tenantId: string | null, action: DebugActionRecord, endedBefore: Date): Promise<JobDocument | null> {
    return this.leaveDebug(id, tenantId, releasedFilter(endedBefore), {
      $set: { state: JobState.Queued, attempt: 0, nextRunAt: new Date(), lockedAt: null, disabled: false, finishedAt: null, retryAt: null, runId: null, result: null, debugRerunAttempt: null },
      $push: { debugActions: action },
      $inc: { version: 1 },
    });
  }

  /** Gives up on a `DEBUG` job: it becomes `FAILED`, the action (with its reason) recorded; `null` unless it is in the debug queue. */
  async discardFromDebug(id: ObjectId, tenantId: string | null, action: DebugActionRecord): Promise<JobDocument | null> {
    return this.leaveDebug(id, tenantId, {}, { $set: { state: JobState.Failed, debugRerunAttempt: null }, $push: { debugActions: action }, $inc: { version: 1 } });
  }

  /**
   * Reserves line numbers for `count` new log lines of a job, within `cap` lines per job (0: no cap). Past the cap,
   * the lines that do not fit are dropped: the first overflow keeps what fits and reserves one more line number
   * for the line that tells how many were dropped; later ones only add to `logDropped`.
   */
  async reserveLogLines(id: ObjectId, count: number, cap = 0): Promise<LogReservation> {
    for (;;) {
      const filter: Filter<JobDocument> = cap > 0 ? { _id: id, logCount: { $lte: cap - count } } : { _id: id };
      const fits = await this.jobs.findOneAndUpdate(filter, { $inc: { logCount: count } }, { returnDocument: 'after' });
      if (fits !== null) return { first: fits.logCount - count + 1, kept: count, dropped: null };
      const doc = await this.jobs.findOne({ _id: id }, { projection: { logCount: 1, logDropped: 1 } });
      if (doc === null || cap === 0) return { first: 0, kept: 0, dropped: null };
      const droppedBefore = doc.logDropped ?? 0;
      if (droppedBefore > 0) {
        const after = await this.jobs.findOneAndUpdate({ _id: id }, { $inc: { logDropped: count } }, { returnDocument: 'after' });
        return { first: 0, kept: 0, dropped: after === null ? null : { total: after.logDropped ?? count, seq: after.logCount } };
      }
      const kept = Math.max(0, Math.min(count, cap - doc.logCount));
      // Everything fits after all (lines were numbered meanwhile by someone else?): try again.
      if (kept === count) continue;
      const seq = doc.logCount + kept + 1;
      const claimed = await this.jobs.findOneAndUpdate(
        { _id: id, logCount: doc.logCount, $or: [{ logDropped: { $exists: false } }, { logDropped: 0 }] },
        { $set: { logCount: seq }, $inc: { logDropped: count - kept } },
        { returnDocument: 'after' },
      );
      if (claimed !== null) return { first: doc.logCount + 1, kept, dropped: { total: count - kept, seq } };
    }
  }

  private leaveDebug(id: ObjectId, tenantId: string | null, extra: Filter<JobDocument>, update: UpdateFilter<JobDocument>): Promise<JobDocument | null> {
    const filter: Filter<JobDocument> = { ...extra, _id: id, state: JobState.Debug };
    if (tenantId !== null) filter.tenantId = tenantId;
    return this.jobs.findOneAndUpdate(filter, update, { returnDocument: 'after' });
  }

  private fenced(id: ObjectId, runId: string, mustBeRunning: boolean, update: UpdateFilter<JobDocument>): Promise<JobDocument | null> {
    const filter: Filter<JobDocument> = mustBeRunning ? { _id: id, runId, state: JobState.Running } : { _id: id, runId };
    return this.jobs.findOneAndUpdate(filter, update, { returnDocument: 'after' });
  }
}

/**
 * A `DEBUG` job the scheduler released: it unlocks a job once the run that ended it returns, and would overwrite
 * the next run time of a job requeued before that. A lock still held by a job that entered the queue before
 * `endedBefore` is a dead worker's (it crashed before the scheduler's last write): that job counts as released.
 */
function releasedFilter(endedBefore: Date): Filter<JobDocument> {
  return { $or: [{ lockedAt: null }, { finishedAt: { $lt: endedBefore } }] };
}

/** Cursor of a job in a `jobs` page. */
export function encodeCursor(doc: Pick<JobDocument, 'createdAt' | '_id'>): string {
  return Buffer.from(`${doc.createdAt.getTime()}:${doc._id.toHexString()}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: ObjectId } {
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw new InvalidCursorError(`"${cursor.slice(0, 40)}" is not a cursor of this list`);
  return { createdAt: new Date(Number(match[1])), id: new ObjectId(match[2]) };
}
