import { ObjectId, type Collection, type Db, type Filter, type UpdateFilter } from 'mongodb';
import { newJobObjectId } from '../../db/recordId.ts';
import type { DebugActionRecord, JobErrorRecord, JobProgressRecord, JobRecord } from '../jobRecord.ts';
import type {
  DeletedJob,
  FinishedJob,
  HeartbeatOutcome,
  JobGlimpse,
  JobListPage,
  JobListQuery,
  JobRepository,
  JobTypeStateCount,
  LogReservation,
  NewJob,
  TenantScope,
} from '../jobRepository.ts';
import { JobState, RUNNABLE_STATES, TERMINAL_STATES } from '../jobState.ts';
import { toJobRecord, type AgendaJobDocument } from './agendaJobDocument.ts';
import { jobsCollection } from './jobsCollection.ts';

/** States a job may be deleted from by retention (a `DEBUG` job waits for an operator). */
const DELETABLE_STATES: readonly JobState[] = [JobState.Succeeded, JobState.Failed, JobState.Cancelled];

/** States that count as a finish in statistics. */
const FINISHED_STATES: readonly JobState[] = [JobState.Succeeded, JobState.Failed, JobState.Debug];

/**
 * The {@link JobRepository} on Agenda's collection in MongoDB (or FerretDB): jobs are Agenda jobs extended with
 * longhaul's fields, so that Agenda schedules, locks and recovers them (see `AgendaScheduler`). A run's writes are
 * fenced by its `runId`: a run that lost its job to a newer run matches nothing and learns it from the `null` it gets back.
 */
export class AgendaJobRepository implements JobRepository {
  private readonly jobs: Collection<AgendaJobDocument>;

  constructor(db: Db) {
    this.jobs = db.collection<AgendaJobDocument>(jobsCollection.name);
  }

  newId(): string {
    return newJobObjectId().toHexString();
  }

  async create(job: NewJob): Promise<{ record: JobRecord; created: boolean }> {
    const doc = newJobDocument(job, new Date());
    try {
      await this.jobs.insertOne(doc);
      return { record: toJobRecord(doc), created: true };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000 || !doc.hasIdempotencyKey) throw error;
      const existing = await this.jobs.findOne({ tenantId: job.tenantId, idempotencyKey: doc.idempotencyKey });
      if (existing === null) throw error;
      return { record: toJobRecord(existing), created: false };
    }
  }

  async findForTenant(tenantId: string, id: string): Promise<JobRecord | null> {
    return record(await this.jobs.findOne({ _id: new ObjectId(id), tenantId }));
  }

  async findAnyTenant(id: string): Promise<JobRecord | null> {
    return record(await this.jobs.findOne({ _id: new ObjectId(id) }));
  }

  async findManyAnyTenant(ids: readonly string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    return (await this.jobs.find({ _id: { $in: ids.map((id) => new ObjectId(id)) } }).toArray()).map(toJobRecord);
  }

  async findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<JobRecord | null> {
    return record(await this.jobs.findOne({ tenantId, idempotencyKey }));
  }

  async peek(ids: readonly string[]): Promise<Map<string, JobGlimpse>> {
    if (ids.length === 0) return new Map();
    const docs = await this.jobs.find({ _id: { $in: ids.map((id) => new ObjectId(id)) } }, { projection: { state: 1, runId: 1, heartbeatAt: 1 } }).toArray();
    return new Map(docs.map((d) => [d._id.toHexString(), { state: d.state, runId: d.runId, heartbeatAt: d.heartbeatAt }]));
  }

  listForTenant(tenantId: string, query: JobListQuery): Promise<JobListPage> {
    return this.list({ tenantId }, query);
  }

  listAnyTenant(query: JobListQuery): Promise<JobListPage> {
    return this.list({}, query);
  }

  async listRunning(): Promise<JobRecord[]> {
    const docs = await this.jobs.find({ state: JobState.Running }, { projection: { data: 0, checkpoint: 0, result: 0, errors: 0 } }).toArray();
    return docs.map(toJobRecord);
  }

  async countByTypeAndState(scope: TenantScope): Promise<JobTypeStateCount[]> {
    const rows = await this.jobs
      .aggregate<{ _id: { type: string; state: JobState }; count: number }>([{ $match: scoped({}, scope) }, { $group: { _id: { type: '$name', state: '$state' }, count: { $sum: 1 } } }])
      .toArray();
    return rows.map((r) => ({ type: r._id.type, state: r._id.state, count: r.count }));
  }

  async oldestDueQueuedRunAt(scope: TenantScope, now: Date): Promise<Date | null> {
    const oldest = await this.jobs.find(scoped({ state: JobState.Queued, runAt: { $lte: now } }, scope), { projection: { runAt: 1 } }).sort({ runAt: 1 }).limit(1).next();
    return oldest?.runAt ?? null;
  }

  async finishedSince(scope: TenantScope, since: Date): Promise<FinishedJob[]> {
    const docs = await this.jobs.find(scoped({ finishedAt: { $gte: since }, state: { $in: [...FINISHED_STATES] } }, scope), { projection: { _id: 0, state: 1, finishedAt: 1 } }).toArray();
    return docs.filter((d) => d.finishedAt instanceof Date).map((d) => ({ state: d.state, finishedAt: d.finishedAt! }));
  }

  async cancel(id: string, tenantId: string): Promise<JobRecord | null> {
    return record(
      await this.jobs.findOneAndUpdate(
        { _id: new ObjectId(id), tenantId, state: { $nin: [...TERMINAL_STATES] } },
        { $set: { state: JobState.Cancelled, finishedAt: new Date(), disabled: true, retryAt: null }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      ),
    );
  }

  async requeue(id: string, scope: TenantScope, fromStates: readonly JobState[]): Promise<JobRecord | null> {
    const now = new Date();
    return record(
      await this.jobs.findOneAndUpdate(
        scoped({ _id: new ObjectId(id), state: { $in: [...fromStates] }, lockedAt: null }, scope),
        {
          $set: { state: JobState.Queued, attempt: 0, nextRunAt: now, disabled: false, finishedAt: null, retryAt: null, runId: null, result: null, debugRerunAttempt: null },
          $inc: { version: 1 },
        },
        { returnDocument: 'after' },
      ),
    );
  }

  async wakeWaiting(id: string): Promise<JobRecord | null> {
    return record(await this.jobs.findOneAndUpdate({ _id: new ObjectId(id), state: { $in: [JobState.Queued, JobState.Retrying] } }, { $set: { nextRunAt: new Date() } }, { returnDocument: 'after' }));
  }

  async startRun(id: string, runId: string, workerId: string, options: { takeOverAfterMs?: number } = {}): Promise<JobRecord | null> {
    const now = new Date();
    const runnable: Filter<AgendaJobDocument> =
      options.takeOverAfterMs === undefined
        ? { state: { $in: [...RUNNABLE_STATES] } }
        : {
            $or: [
              { state: { $in: RUNNABLE_STATES.filter((state) => state !== JobState.Running) } },
              { state: JobState.Running, heartbeatAt: { $lt: new Date(now.getTime() - options.takeOverAfterMs) } },
              { state: JobState.Running, heartbeatAt: null },
            ],
          };
    return record(
      await this.jobs.findOneAndUpdate(
        { _id: new ObjectId(id), ...runnable },
        {
          $set: { state: JobState.Running, runId, workerId, heartbeatAt: now, lockedAt: now, claimedAt: now, retryAt: null },
          $min: { startedAt: now },
          $inc: { attempt: 1, version: 1 },
        },
        { returnDocument: 'after' },
      ),
    );
  }

  async heartbeat(id: string, runId: string, at: Date): Promise<HeartbeatOutcome> {
    const _id = new ObjectId(id);
    const res = await this.jobs.updateOne({ _id, runId, state: JobState.Running }, { $set: { lockedAt: at, heartbeatAt: at } });
    if (res.matchedCount === 1) return 'alive';
    const doc = await this.jobs.findOne({ _id }, { projection: { runId: 1, state: 1 } });
    return doc !== null && doc.runId === runId && doc.state === JobState.Cancelled ? 'cancelled' : 'fenced';
  }

  saveProgress(id: string, runId: string, report: JobProgressRecord): Promise<JobRecord | null> {
    return this.fenced(id, runId, true, { $set: { report, heartbeatAt: new Date() }, $inc: { version: 1 } });
  }

  saveCheckpoint(id: string, runId: string, checkpointJson: string): Promise<JobRecord | null> {
    return this.fenced(id, runId, false, { $set: { checkpoint: checkpointJson, checkpointAt: new Date() } });
  }

  succeed(id: string, runId: string, resultJson: string, report: JobProgressRecord): Promise<JobRecord | null> {
    return this.fenced(id, runId, true, { $set: { state: JobState.Succeeded, result: resultJson, report, finishedAt: new Date() }, $inc: { version: 1 } });
  }

  fail(id: string, runId: string, error: JobErrorRecord, retryAt: Date | null, release: boolean): Promise<JobRecord | null> {
    // A retry carries its own next run time: it must not depend on the scheduler's save at the end of the run landing.
    const set: Record<string, unknown> =
      retryAt === null ? { state: JobState.Failed, lastError: error, finishedAt: new Date() } : { state: JobState.Retrying, lastError: error, retryAt, nextRunAt: retryAt };
    // A process about to exit releases the lock itself: Agenda will not get to.
    if (release) Object.assign(set, { lockedAt: null, nextRunAt: retryAt, runId: null });
    return this.fenced(id, runId, true, { $set: set, $push: { errors: error }, $inc: { version: 1 } });
  }

  requeueInterrupted(id: string, runId: string): Promise<JobRecord | null> {
    // The lock goes with the write: the process may exit before the scheduler saves the job itself.
    return this.fenced(id, runId, true, { $set: { state: JobState.Queued, runId: null, lockedAt: null, nextRunAt: new Date() }, $inc: { version: 1, attempt: -1 } });
  }

  requeueLost(id: string, runId: string, error: JobErrorRecord): Promise<JobRecord | null> {
    return this.fenced(id, runId, true, {
      $set: { state: JobState.Queued, lastError: error, lockedAt: null, nextRunAt: new Date(), runId: null },
      $push: { errors: error },
      $inc: { version: 1 },
    });
  }

  moveToDebug(id: string, runId: string, error: JobErrorRecord, options: { reason?: string; release?: boolean } = {}): Promise<JobRecord | null> {
    const now = new Date();
    const set: Record<string, unknown> = { state: JobState.Debug, lastError: error, finishedAt: now, retryAt: null, debugRerunAttempt: null };
    if (options.release === true) Object.assign(set, { lockedAt: null, nextRunAt: null, runId: null });
    const entered: DebugActionRecord = { kind: 'ENTERED', at: now, by: null, reason: options.reason ?? `${error.code}: ${error.message}`.slice(0, 2000) };
    return this.fenced(id, runId, true, { $set: set, $push: { errors: error, debugActions: entered }, $inc: { version: 1 } });
  }

  startDebugRerun(id: string, scope: TenantScope, fromAttempt: number, action: DebugActionRecord, endedBefore: Date): Promise<JobRecord | null> {
    return this.leaveDebug(id, scope, { attempt: fromAttempt, ...releasedFilter(endedBefore) }, {
      $set: { state: JobState.Queued, nextRunAt: new Date(), lockedAt: null, disabled: false, finishedAt: null, retryAt: null, runId: null, debugRerunAttempt: fromAttempt + 1 },
      $push: { debugActions: action },
      $inc: { version: 1 },
    });
  }

  requeueFromDebug(id: string, scope: TenantScope, action: DebugActionRecord, endedBefore: Date): Promise<JobRecord | null> {
    return this.leaveDebug(id, scope, releasedFilter(endedBefore), {
      $set: { state: JobState.Queued, attempt: 0, nextRunAt: new Date(), lockedAt: null, disabled: false, finishedAt: null, retryAt: null, runId: null, result: null, debugRerunAttempt: null },
      $push: { debugActions: action },
      $inc: { version: 1 },
    });
  }

  discardFromDebug(id: string, scope: TenantScope, action: DebugActionRecord): Promise<JobRecord | null> {
    return this.leaveDebug(id, scope, {}, { $set: { state: JobState.Failed, debugRerunAttempt: null }, $push: { debugActions: action }, $inc: { version: 1 } });
  }

  async reserveLogLines(id: string, count: number, cap = 0): Promise<LogReservation> {
    const _id = new ObjectId(id);
    for (;;) {
      const filter: Filter<AgendaJobDocument> = cap > 0 ? { _id, logCount: { $lte: cap - count } } : { _id };
      const fits = await this.jobs.findOneAndUpdate(filter, { $inc: { logCount: count } }, { returnDocument: 'after' });
      if (fits !== null) return { first: fits.logCount - count + 1, kept: count, dropped: null };
      const doc = await this.jobs.findOne({ _id }, { projection: { logCount: 1, logDropped: 1 } });
      if (doc === null || cap === 0) return { first: 0, kept: 0, dropped: null };
      const droppedBefore = doc.logDropped ?? 0;
      if (droppedBefore > 0) {
        const after = await this.jobs.findOneAndUpdate({ _id }, { $inc: { logDropped: count } }, { returnDocument: 'after' });
        return { first: 0, kept: 0, dropped: after === null ? null : { total: after.logDropped ?? count, seq: after.logCount } };
      }
      const kept = Math.max(0, Math.min(count, cap - doc.logCount));
      // Everything fits after all (lines were numbered meanwhile by someone else?): try again.
      if (kept === count) continue;
      const seq = doc.logCount + kept + 1;
      const claimed = await this.jobs.findOneAndUpdate(
        { _id, logCount: doc.logCount, $or: [{ logDropped: { $exists: false } }, { logDropped: 0 }] },
        { $set: { logCount: seq }, $inc: { logDropped: count - kept } },
        { returnDocument: 'after' },
      );
      if (claimed !== null) return { first: doc.logCount + 1, kept, dropped: { total: count - kept, seq } };
    }
  }

  private async list(base: Filter<AgendaJobDocument>, query: JobListQuery): Promise<JobListPage> {
    const { filter, first, after } = query;
    const find: Filter<AgendaJobDocument> = { ...base };
    if (filter.types && filter.types.length > 0) find.name = { $in: filter.types };
    if (filter.states && filter.states.length > 0) find.state = { $in: filter.states };
    if (after !== undefined && after !== null) {
      const { createdAt } = after;
      find.$or = [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: new ObjectId(after.id) } }];
    }
    const docs = await this.jobs.find(find).sort({ createdAt: -1, _id: -1 }).limit(first + 1).toArray();
    return { records: docs.slice(0, first).map(toJobRecord), hasNextPage: docs.length > first };
  }

  private async leaveDebug(id: string, scope: TenantScope, extra: Filter<AgendaJobDocument>, update: UpdateFilter<AgendaJobDocument>): Promise<JobRecord | null> {
    return record(await this.jobs.findOneAndUpdate(scoped({ ...extra, _id: new ObjectId(id), state: JobState.Debug }, scope), update, { returnDocument: 'after' }));
  }

  private async fenced(id: string, runId: string, mustBeRunning: boolean, update: UpdateFilter<AgendaJobDocument>): Promise<JobRecord | null> {
    const _id = new ObjectId(id);
    const filter: Filter<AgendaJobDocument> = mustBeRunning ? { _id, runId, state: JobState.Running } : { _id, runId };
    return record(await this.jobs.findOneAndUpdate(filter, update, { returnDocument: 'after' }));
  }

  async deleteFinishedBefore(cutoff: Date, limit: number): Promise<DeletedJob[]> {
    const expired: Filter<AgendaJobDocument> = { state: { $in: [...DELETABLE_STATES] }, finishedAt: { $lt: cutoff } };
    const found = await this.jobs.find(expired, { projection: { _id: 1, tenantId: 1, name: 1, logCount: 1 } }).limit(limit).toArray();
    if (found.length === 0) return [];
    const ids = found.map((d) => d._id);
    const { deletedCount } = await this.jobs.deleteMany({ ...expired, _id: { $in: ids } });
    // Some changed between the read and the delete (requeued): those that are still there were not deleted.
    const kept = deletedCount === ids.length ? new Set<string>() : new Set((await this.jobs.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id.toHexString()));
    return found.filter((d) => !kept.has(d._id.toHexString())).map((d) => ({ id: d._id.toHexString(), tenantId: d.tenantId, type: d.name, logCount: d.logCount ?? 0 }));
  }
  async createMany(jobs: readonly NewJob[]): Promise<{ record: JobRecord; created: boolean }[]> {
    if (jobs.length === 0) return [];
    const now = new Date();
    const docs = jobs.map((job) => newJobDocument(job, now));
    let duplicates: number[] = [];
    try {
      await this.jobs.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } }).writeErrors;
      const failed = writeErrors === undefined ? [] : Array.isArray(writeErrors) ? writeErrors : [writeErrors];
      const onlyKeys = failed.length > 0 && failed.every((e) => e.code === 11000 && docs[e.index]?.hasIdempotencyKey === true);
      if (!onlyKeys) {
        // Nothing half written: remove what this write inserted (fresh ids: only this batch's jobs carry them) while no scheduler holds it.
        await this.jobs.deleteMany({ _id: { $in: docs.map((d) => d._id) }, version: 1, lockedAt: null }).catch(() => undefined);
        throw error;
      }
      duplicates = failed.map((e) => e.index);
    }
    const results = docs.map((doc) => ({ record: toJobRecord(doc), created: true }));
    if (duplicates.length === 0) return results;
    // Keys another request used between the caller's lookup and this write: their jobs, as `create` returns them.
    const tenants = new Set(duplicates.map((i) => docs[i]!.tenantId));
    const existing = await this.jobs.find({ $or: [...tenants].map((tenantId) => ({ tenantId, idempotencyKey: { $in: duplicates.filter((i) => docs[i]!.tenantId === tenantId).map((i) => docs[i]!.idempotencyKey) } })) }).toArray();
    const byKey = new Map(existing.map((d) => [`${d.tenantId}\u0000${d.idempotencyKey}`, d]));
    for (const i of duplicates) {
      const found = byKey.get(`${docs[i]!.tenantId}\u0000${docs[i]!.idempotencyKey}`);
      if (found === undefined) throw new Error(`job ${i} of the batch collided on its idempotency key, but no job holds it`);
      results[i] = { record: toJobRecord(found), created: false };
    }
    return results;
  }

  async findByIdempotencyKeys(tenantId: string, keys: readonly string[]): Promise<JobRecord[]> {
    if (keys.length === 0) return [];
    return (await this.jobs.find({ tenantId, idempotencyKey: { $in: [...keys] } }).toArray()).map(toJobRecord);
  }
}

/** The document of a new QUEUED job due at `job.runAt`, created at `now`. */
function newJobDocument(job: NewJob, now: Date): AgendaJobDocument {
  const _id = job.id === undefined ? newJobObjectId() : new ObjectId(job.id);
  return {
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
}

function record(doc: AgendaJobDocument | null): JobRecord | null {
  return doc === null ? null : toJobRecord(doc);
}

/** `filter` limited to the scope's tenant (unchanged for {@link ANY_TENANT}). */
function scoped(filter: Filter<AgendaJobDocument>, scope: TenantScope): Filter<AgendaJobDocument> {
  return scope === null ? filter : { ...filter, tenantId: scope };
}

/**
 * A `DEBUG` job the scheduler released: it unlocks a job once the run that ended it returns, and would overwrite
 * the next run time of a job requeued before that. A lock still held by a job that entered the queue before
 * `endedBefore` is a dead worker's (it crashed before the scheduler's last write): that job counts as released.
 */
function releasedFilter(endedBefore: Date): Filter<AgendaJobDocument> {
  return { $or: [{ lockedAt: null }, { finishedAt: { $lt: endedBefore } }] };
}
