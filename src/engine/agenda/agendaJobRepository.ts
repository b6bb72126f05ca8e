import { ObjectId, type Collection, type Db, type Filter, type UpdateFilter } from 'mongodb';
import { newJobObjectId } from '../../db/recordId.ts';
import type { DebugActionRecord, JobErrorRecord, JobProgressRecord, JobRecord } from '../jobRecord.ts';
import type {
  DeletedJob,
  HeartbeatOutcome,
  JobGlimpse,
  JobListPage,
  JobListQuery,
  JobRepository,
  JobStorePart,
  JobTypeStateCount,
  LogReservation,
  NewJob,
  TenantScope,
} from '../jobRepository.ts';
import { JobState, RUNNABLE_STATES, TERMINAL_STATES } from '../jobState.ts';
import { toJobRecord, type AgendaJobDocument } from './agendaJobDocument.ts';
import { jobHistoryCollection } from './jobHistoryCollection.ts';
import { jobsCollection } from './jobsCollection.ts';

/** States a job may be deleted from by retention (a `DEBUG` job waits for an operator). */
const DELETABLE_STATES: readonly JobState[] = [JobState.Succeeded, JobState.Failed, JobState.Cancelled];

/** States whose jobs leave Agenda's collection for the history (DEBUG stays: the debug queue is live work). */
const ENDED_STATES: readonly JobState[] = [JobState.Succeeded, JobState.Failed, JobState.Cancelled];

/**
 * The {@link JobRepository} on Agenda's collection in MongoDB (or FerretDB): jobs are Agenda jobs extended with
 * longhaul's fields, so that Agenda schedules, locks and recovers them (see `AgendaScheduler`). A run's writes are
 * fenced by its `runId`: a run that lost its job to a newer run matches nothing and learns it from the `null` it gets back.
 */
export class AgendaJobRepository implements JobRepository {
  /** Live jobs: Agenda's collection, which its claims scan. */
  private readonly jobs: Collection<AgendaJobDocument>;
  /** Ended jobs (see {@link jobHistoryCollection}); read by `_id` alongside the live ones, and by lists asking for ended states. */
  private readonly history: Collection<AgendaJobDocument>;

  constructor(db: Db) {
    this.jobs = db.collection<AgendaJobDocument>(jobsCollection.name);
    this.history = db.collection<AgendaJobDocument>(jobHistoryCollection.name);
  }

  newId(): string {
    return newJobObjectId().toHexString();
  }

  async create(job: NewJob): Promise<{ record: JobRecord; created: boolean }> {
    const doc = newJobDocument(job, new Date());
    // A key is unique across both collections: the live one's index guards live jobs, this read the ended ones.
    const ended = doc.hasIdempotencyKey ? await this.history.findOne({ tenantId: job.tenantId, idempotencyKey: doc.idempotencyKey }) : null;
    if (ended !== null) return { record: toJobRecord(ended), created: false };
    try {
      await this.jobs.insertOne(doc);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000 || !doc.hasIdempotencyKey) throw error;
      const existing = await this.jobs.findOne({ tenantId: job.tenantId, idempotencyKey: doc.idempotencyKey });
      if (existing === null) throw error;
      return { record: toJobRecord(existing), created: false };
    }
    if (doc.hasIdempotencyKey) {
      // The job holding the key may have moved to the history between the read above and the insert (a move inserts
      // there before it deletes here): then that job wins and this insert is taken back.
      const moved = await this.history.findOne({ tenantId: job.tenantId, idempotencyKey: doc.idempotencyKey, _id: { $ne: doc._id } });
      if (moved !== null) {
        await this.jobs.deleteOne({ _id: doc._id });
        return { record: toJobRecord(moved), created: false };
      }
    }
    return { record: toJobRecord(doc), created: true };
  }

  async findForTenant(tenantId: string, id: string): Promise<JobRecord | null> {
    const doc = await this.findById(new ObjectId(id));
    return doc !== null && doc.tenantId === tenantId ? toJobRecord(doc) : null;
  }

  async findAnyTenant(id: string): Promise<JobRecord | null> {
    return record(await this.findById(new ObjectId(id)));
  }

  async findManyAnyTenant(ids: readonly string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    return (await this.findByIds(ids.map((id) => new ObjectId(id)))).map(toJobRecord);
  }

  async findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<JobRecord | null> {
    return record((await this.jobs.findOne({ tenantId, idempotencyKey })) ?? (await this.history.findOne({ tenantId, idempotencyKey })));
  }

  async peek(ids: readonly string[]): Promise<Map<string, JobGlimpse>> {
    if (ids.length === 0) return new Map();
    const docs = await this.findByIds(ids.map((id) => new ObjectId(id)), { state: 1, runId: 1, heartbeatAt: 1, version: 1 });
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

  async countByTypeAndState(scope: TenantScope, part: JobStorePart): Promise<JobTypeStateCount[]> {
    const group = [{ $match: scoped({}, scope) }, { $group: { _id: { type: '$name', state: '$state' }, count: { $sum: 1 } } }];
    const collection = part === 'live' ? this.jobs : this.history;
    return (await collection.aggregate<{ _id: { type: string; state: JobState }; count: number }>(group).toArray()).map((r) => ({ type: r._id.type, state: r._id.state, count: r.count }));
  }

  async oldestDueQueuedRunAt(scope: TenantScope, now: Date): Promise<Date | null> {
    const oldest = await this.jobs.find(scoped({ state: JobState.Queued, runAt: { $lte: now } }, scope), { projection: { runAt: 1 } }).sort({ runAt: 1 }).limit(1).next();
    return oldest?.runAt ?? null;
  }

  async cancel(id: string, tenantId: string): Promise<JobRecord | null> {
    const doc = await this.jobs.findOneAndUpdate(
      { _id: new ObjectId(id), tenantId, state: { $nin: [...TERMINAL_STATES] } },
      // An ended job holds no scheduler lock: a run still going finds out by its heartbeat (see `heartbeat`).
      { $set: { state: JobState.Cancelled, finishedAt: new Date(), disabled: true, retryAt: null, lockedAt: null, nextRunAt: null }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    return record(await this.settle(doc));
  }

  async requeue(id: string, scope: TenantScope, fromStates: readonly JobState[]): Promise<JobRecord | null> {
    const now = new Date();
    const _id = new ObjectId(id);
    const set = { state: JobState.Queued, attempt: 0, nextRunAt: now, disabled: false, finishedAt: null, retryAt: null, runId: null, result: null, debugRerunAttempt: null };
    const live = await this.jobs.findOneAndUpdate(scoped({ _id, state: { $in: [...fromStates] }, lockedAt: null }, scope), { $set: set, $inc: { version: 1 } }, { returnDocument: 'after' });
    if (live !== null) return toJobRecord(live);
    // An ended job comes back from the history: inserted live first, then deleted there (a reader in between
    // sees both and takes the newer version).
    const ended = await this.history.findOne(scoped({ _id, state: { $in: [...fromStates] } }, scope));
    if (ended === null) return null;
    const back: AgendaJobDocument = { ...ended, ...set, lockedAt: null, version: ended.version + 1 };
    try {
      await this.jobs.insertOne(back);
    } catch (error) {
      // Already live again (a concurrent requeue won).
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    }
    await this.history.deleteOne({ _id, version: ended.version });
    return toJobRecord(back);
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
    const doc = await this.findById(_id, { runId: 1, state: 1, version: 1 });
    return doc !== null && doc.runId === runId && doc.state === JobState.Cancelled ? 'cancelled' : 'fenced';
  }

  saveProgress(id: string, runId: string, report: JobProgressRecord): Promise<JobRecord | null> {
    return this.fenced(id, runId, true, { $set: { report, heartbeatAt: new Date() }, $inc: { version: 1 } });
  }

  saveCheckpoint(id: string, runId: string, checkpointJson: string): Promise<JobRecord | null> {
    return this.fenced(id, runId, false, { $set: { checkpoint: checkpointJson, checkpointAt: new Date() } });
  }

  succeed(id: string, runId: string, resultJson: string, report: JobProgressRecord): Promise<JobRecord | null> {
    // The job leaves the scheduler's collection: its lock goes with it, and Agenda's own save at the run's end finds nothing.
    return this.fenced(id, runId, true, { $set: { state: JobState.Succeeded, result: resultJson, report, finishedAt: new Date(), lockedAt: null, nextRunAt: null }, $inc: { version: 1 } });
  }

  fail(id: string, runId: string, error: JobErrorRecord, retryAt: Date | null, release: boolean): Promise<JobRecord | null> {
    // A retry carries its own next run time: it must not depend on the scheduler's save at the end of the run landing.
    const set: Record<string, unknown> =
      retryAt === null
        ? { state: JobState.Failed, lastError: error, finishedAt: new Date(), lockedAt: null, nextRunAt: null }
        : // A retry carries its own next run time: it must not depend on the scheduler's save at the end of the run landing.
          { state: JobState.Retrying, lastError: error, retryAt, nextRunAt: retryAt };
    // A process about to exit releases the lock itself: Agenda will not get to.
    if (release && retryAt !== null) Object.assign(set, { lockedAt: null, nextRunAt: retryAt, runId: null });
    if (release && retryAt === null) set.runId = null;
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
    return this.leaveDebug(id, scope, {}, { $set: { state: JobState.Failed, debugRerunAttempt: null, lockedAt: null, nextRunAt: null }, $push: { debugActions: action }, $inc: { version: 1 } });
  }

  async reserveLogLines(id: string, count: number, cap = 0): Promise<LogReservation> {
    const _id = new ObjectId(id);
    // A job's lines may still come once it ended (a cancelled run's last ones): then they are numbered in the history.
    return (await this.reserveIn(this.jobs, _id, count, cap)) ?? (await this.reserveIn(this.history, _id, count, cap)) ?? { first: 0, kept: 0, dropped: null };
  }

  /** {@link reserveLogLines} on the collection holding the job; `undefined` when it does not. */
  private async reserveIn(jobs: Collection<AgendaJobDocument>, _id: ObjectId, count: number, cap: number): Promise<LogReservation | undefined> {
    for (;;) {
      const filter: Filter<AgendaJobDocument> = cap > 0 ? { _id, logCount: { $lte: cap - count } } : { _id };
      const fits = await jobs.findOneAndUpdate(filter, { $inc: { logCount: count } }, { returnDocument: 'after' });
      if (fits !== null) return { first: fits.logCount - count + 1, kept: count, dropped: null };
      const doc = await jobs.findOne({ _id }, { projection: { logCount: 1, logDropped: 1 } });
      if (doc === null) return undefined;
      if (cap === 0) return { first: 0, kept: 0, dropped: null };
      const droppedBefore = doc.logDropped ?? 0;
      if (droppedBefore > 0) {
        const after = await jobs.findOneAndUpdate({ _id }, { $inc: { logDropped: count } }, { returnDocument: 'after' });
        return { first: 0, kept: 0, dropped: after === null ? null : { total: after.logDropped ?? count, seq: after.logCount } };
      }
      const kept = Math.max(0, Math.min(count, cap - doc.logCount));
      // Everything fits after all (lines were numbered meanwhile by someone else?): try again.
      if (kept === count) continue;
      const seq = doc.logCount + kept + 1;
      const claimed = await jobs.findOneAndUpdate(
        { _id, logCount: doc.logCount, $or: [{ logDropped: { $exists: false } }, { logDropped: 0 }] },
        { $set: { logCount: seq }, $inc: { logDropped: count - kept } },
        { returnDocument: 'after' },
      );
      if (claimed !== null) return { first: doc.logCount + 1, kept, dropped: { total: count - kept, seq } };
    }
  }

  /**
   * A page of a list: live jobs always (few: the queue), the history only when the filter asks for an ended state
   * (or for any state). Both are read newest first up to the page size, then merged.
   */
  private async list(base: Filter<AgendaJobDocument>, query: JobListQuery): Promise<JobListPage> {
    const { filter, first, after } = query;
    const find: Filter<AgendaJobDocument> = { ...base };
    if (filter.types && filter.types.length > 0) find.name = { $in: filter.types };
    const states = filter.states && filter.states.length > 0 ? filter.states : null;
    if (states !== null) find.state = { $in: states };
    if (after !== undefined && after !== null) {
      const { createdAt } = after;
      find.$or = [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: new ObjectId(after.id) } }];
    }
    const withHistory = states === null || states.some((state) => ENDED_STATES.includes(state));
    const page = (jobs: Collection<AgendaJobDocument>) => jobs.find(find).sort({ createdAt: -1, _id: -1 }).limit(first + 1).toArray();
    const docs = withHistory ? newest(await this.readBoth(page)) : await page(this.jobs);
    return { records: docs.slice(0, first).map(toJobRecord), hasNextPage: docs.length > first };
  }

  private async leaveDebug(id: string, scope: TenantScope, extra: Filter<AgendaJobDocument>, update: UpdateFilter<AgendaJobDocument>): Promise<JobRecord | null> {
    return record(await this.settle(await this.jobs.findOneAndUpdate(scoped({ ...extra, _id: new ObjectId(id), state: JobState.Debug }, scope), update, { returnDocument: 'after' })));
  }

  private async fenced(id: string, runId: string, mustBeRunning: boolean, update: UpdateFilter<AgendaJobDocument>): Promise<JobRecord | null> {
    const _id = new ObjectId(id);
    const filter: Filter<AgendaJobDocument> = mustBeRunning ? { _id, runId, state: JobState.Running } : { _id, runId };
    const live = await this.jobs.findOneAndUpdate(filter, update, { returnDocument: 'after' });
    if (live !== null) return record(await this.settle(live));
    // A run may still write to its job once it was cancelled (its checkpoint): the job is then in the history.
    return mustBeRunning ? null : record(await this.history.findOneAndUpdate(filter, update, { returnDocument: 'after' }));
  }

  async deleteFinishedBefore(cutoff: Date, limit: number): Promise<DeletedJob[]> {
    // Ended jobs are in the history (a copy a crash left in the live collection mid-move is not swept).
    const expired: Filter<AgendaJobDocument> = { state: { $in: [...DELETABLE_STATES] }, finishedAt: { $lt: cutoff } };
    const found = await this.history.find(expired, { projection: { _id: 1, tenantId: 1, name: 1, logCount: 1 } }).limit(limit).toArray();
    if (found.length === 0) return [];
    const ids = found.map((d) => d._id);
    const { deletedCount } = await this.history.deleteMany({ ...expired, _id: { $in: ids } });
    // Some changed between the read and the delete (requeued): those that are still there were not deleted.
    const kept = deletedCount === ids.length ? new Set<string>() : new Set((await this.history.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id.toHexString()));
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
    const existing = await this.readBoth((collection) => collection.find({ $or: [...tenants].map((tenantId) => ({ tenantId, idempotencyKey: { $in: duplicates.filter((i) => docs[i]!.tenantId === tenantId).map((i) => docs[i]!.idempotencyKey) } })) }).toArray());
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
    // Both collections: a key stays taken once its job ended and moved to the history.
    return (await this.readBoth((collection) => collection.find({ tenantId, idempotencyKey: { $in: [...keys] } }).toArray())).map(toJobRecord);
  }
  /**
   * Moves a job that just ended (SUCCEEDED, FAILED, CANCELLED) to the history: written there first, then deleted here
   * (a crash in between leaves both copies, which readers resolve by version). Other jobs are returned as they are.
   */
  private async settle(doc: AgendaJobDocument | null): Promise<AgendaJobDocument | null> {
    if (doc === null || !ENDED_STATES.includes(doc.state)) return doc;
    await this.history.replaceOne({ _id: doc._id }, doc, { upsert: true });
    await this.jobs.deleteOne({ _id: doc._id, version: doc.version });
    return doc;
  }

  /**
   * A job by id wherever it is (both copies during a move: the newer version, the ended one on a tie). The reads follow
   * the moves: live first, then the history (a job ending in between was written there before it left here), and
   * live once more when neither had it (a job requeued in between was written live before it left the history).
   * Read both at once and a job moving between the two reads is in neither.
   */
  private async findById(_id: ObjectId, projection?: Record<string, 1>): Promise<AgendaJobDocument | null> {
    const live = await this.jobs.findOne({ _id }, { projection });
    const ended = await this.history.findOne({ _id }, { projection });
    if (live === null && ended === null) return this.jobs.findOne({ _id }, { projection });
    if (live === null || ended === null) return live ?? ended;
    return live.version > ended.version ? live : ended;
  }

  /** Jobs by id wherever they are, one per id (see {@link findById}). */
  private async findByIds(ids: ObjectId[], projection?: Record<string, 1>): Promise<AgendaJobDocument[]> {
    return this.readBoth((jobs) => jobs.find({ _id: { $in: ids } }, { projection }).toArray());
  }

  /**
   * The same read on both collections, one document per id (the history's on a tie of versions): live first, then the
   * history, so a job that ends between the reads is seen once at least (see {@link findById}; a requeue of an ended
   * job racing a list read may miss that one job in that one read).
   */
  private async readBoth(read: (jobs: Collection<AgendaJobDocument>) => Promise<AgendaJobDocument[]>): Promise<AgendaJobDocument[]> {
    const live = await read(this.jobs);
    const ended = await read(this.history);
    const byId = new Map<string, AgendaJobDocument>();
    for (const doc of [...ended, ...live]) {
      const key = doc._id.toHexString();
      const known = byId.get(key);
      if (known === undefined || doc.version > known.version) byId.set(key, doc);
    }
    return [...byId.values()];
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

/** Documents newest first, by `createdAt` then `_id`, both descending (the order of lists). */
function newest(docs: AgendaJobDocument[]): AgendaJobDocument[] {
  return docs.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b._id.toHexString().localeCompare(a._id.toHexString()));
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
