import { MongoJobRepository } from '@agendajs/mongo-backend';
import { toJobId, type AgendaBackend, type JobParameters, type JobRepositoryOptions } from 'agenda';
import { ObjectId, type Db, type Document, type Filter } from 'mongodb';
import { JobState } from '../jobState.ts';
import { ClaimCandidates, type ClaimCandidate } from './claimCandidates.ts';

/**
 * Due jobs one claim scan returns at most, of every type. The scan is not sorted by the database: on FerretDB's SQLite
 * backend a sort reads and decodes every row of the collection before it returns the first, whatever the limit, so a
 * sorted scan costs as much as reading every due job. Unsorted, the database stops at the limit; the claim orders
 * what it found itself (soonest due first, then by priority, as Agenda does). Large enough that the scan sees every
 * due job of every type in all but a backlog of more than this many jobs (each candidate is 60 bytes of id, type,
 * time and priority): then an empty type is known empty without a scan of its own, and the order is exact.
 */
export const CLAIM_SCAN_LIMIT = 10_000;

/** States in which Agenda's save must not clear a job's next run time: it waits to run, or another run holds it. */
const UNSAVED_STATES: readonly JobState[] = [JobState.Queued, JobState.Retrying, JobState.Running];

/** A claim this process holds: the lock time Agenda wrote, and the job type (whose lock lifetime bounds it). */
interface HeldClaim {
  lockedAt: Date;
  name: string;
}

/**
 * Agenda's MongoDB job repository with longhaul's claim path and a gate on claims (Agenda's `getNextJobToRun`, which
 * locks a due job for this process).
 *
 * Claims in batches: one scan (a read, not a write that locks the collection on FerretDB) finds up to
 * {@link CLAIM_SCAN_LIMIT} due jobs of every type, and each claim locks the next candidate of its type by `_id`
 * compare-and-set (the same conditions as Agenda's own query, checked again on that one document). The seven calls
 * per poll, and the calls after each lock, are then `_id` lookups (see {@link ClaimCandidates}).
 *
 * The gate: Agenda locks more jobs than it runs (up to each type's lock limit) and keeps the extra ones in a local
 * queue; its `drain()` then forgets them, and a search already sent when the drain began still locks a job after it.
 * After {@link close} it claims nothing more, releases what an earlier search still locks, and
 * {@link releaseUnstarted} lets go of every claim that never became a run.
 */
export class ClaimGatedRepository extends MongoJobRepository {
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Claims not yet started, by job id. */
  private readonly held = new Map<string, HeldClaim>();
  /** The run each hand-over became, keyed by the attributes object Agenda saves at the hand-over's end. */
  private readonly runs = new WeakMap<object, string>();
  /** Hand-overs whose run ended the job (it moved to the history): their end save has nothing to write. */
  private readonly endedRuns = new WeakSet<object>();
  private readonly candidates: ClaimCandidates;
  /** The general scan in flight, shared by the claims that need it (Agenda asks for every type at once). */
  private scanning: Promise<void> | undefined;
  /** Jobs one claim locked beyond the one it returned, by type, handed to the next claims of the type (see {@link setClaimBatch}). */
  private readonly prelocked = new Map<string, JobParameters[]>();
  /** How many due jobs one claim of a type may lock at once. */
  private readonly batchSizes = new Map<string, number>();
  /** The lock time of the last batch lock (each batch gets a time of its own: it tells the batch's jobs apart). */
  private lastBatchLockMs = 0;

  /** @param scanMaxAgeMs how long one scan's findings answer claims (at most the scheduler's poll interval). */
  constructor(db: Db, collection: string, scanMaxAgeMs = 1000) {
    super({ mongo: db, db: { collection } });
    this.candidates = new ClaimCandidates(scanMaxAgeMs);
  }

  /** Types with jobs found due and not claimed yet (worth a claim when a slot frees up). */
  get typesWithCandidates(): string[] {
    return this.candidates.typesWithCandidates;
  }

  /**
   * Lets one claim of type `name` lock up to `size` due jobs in two database commands (an `updateMany` by `_id`
   * with Agenda's conditions, then a read of what it locked) instead of one `findAndModify` each: the first is
   * returned, the others answer the next claims of the type without a database command. At most the type's lock
   * limit in Agenda (what it would lock one by one anyway); a job locked this way and not handed over is released at
   * shutdown like any claim not started, and one held past its lock lifetime is dropped (another worker may take it).
   */
  setClaimBatch(name: string, size: number): void {
    this.batchSizes.set(name, Math.max(1, Math.floor(size)));
  }

  /** A job of `name` may have become due (a wake-up): the next claim of the type that finds no candidate scans again. */
  touch(name: string): void {
    this.candidates.touch(name);
  }

  /**
   * A wake-up for job `jobId` of `name`, due at `dueAt`: as {@link touch}, and when the job is due and the type has no
   * candidate left (an idle queue: the case where the time to start is what matters), the job becomes the type's
   * candidate, so the claim locks it by `_id` without scanning first (its compare-and-set checks it is still
   * claimable). The scan that looks for more follows the lock instead of preceding it.
   */
  woken(name: string, jobId: string, dueAt: Date | null): void {
    this.touch(name);
    if (dueAt !== null && dueAt.getTime() <= Date.now() && ObjectId.isValid(jobId) && jobId.length === 24) this.candidates.offer(name, new ObjectId(jobId));
  }

  /**
   * Agenda's save of its own fields (lock, next run time), made harmless to longhaul's states. The save at a run's
   * start is skipped (the claim already wrote the lock; the next run time stays until the run's end is written). The
   * save at the end of a hand-over that became a run (see {@link bindRun}) applies only while that run still owns the
   * job and has written how it ended: a run that lost its job to a newer one leaves the newer one's lock and next run
   * time alone, a run that could not record its end leaves its lock to expire (the scheduler then takes the job
   * over), and it never clears a next run time (the runner writes a retry's or a requeue's itself). Any other end
   * save finds nothing when the job ended (it moved to the history) and never clears the next run time of a job that
   * waits to run or that a run holds. The end save of a hand-over whose run ended its job ({@link runEnded}) is not
   * sent at all. Not matching is not an error (Agenda ignores a failed save anyway).
   */
  override async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (job._id === undefined) throw new Error('Cannot save job state without job ID');
    if (this.endedRuns.has(job)) return;
    const lockedAt = job.lockedAt ? new Date(job.lockedAt) : null;
    const nextRunAt = job.nextRunAt ? new Date(job.nextRunAt) : null;
    if (lockedAt !== null && nextRunAt === null) return;
    const filter: Filter<Document> = { _id: new ObjectId(job._id.toString()), name: job.name };
    const $set: Document = { lockedAt, lastModifiedBy: options?.lastModifiedBy ?? null };
    const runId = this.runs.get(job);
    if (runId !== undefined) {
      Object.assign(filter, { runId, state: { $ne: JobState.Running } });
      if (nextRunAt !== null) $set.nextRunAt = nextRunAt;
    } else {
      if (nextRunAt === null) filter.state = { $nin: [...UNSAVED_STATES] };
      $set.nextRunAt = nextRunAt;
    }
    await this.collection.updateOne(filter, { $set });
  }

  override getNextJobToRun(jobName: string, nextScanAt: Date, lockDeadline: Date, now: Date | undefined, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const claim = this.claim(jobName, nextScanAt, lockDeadline, now, options);
    this.inFlight.add(claim);
    void claim.then(
      () => this.inFlight.delete(claim),
      () => this.inFlight.delete(claim),
    );
    return claim;
  }

  /** The claim became a run (Agenda saved it and calls the handler): Agenda's own save at its end unlocks it. */
  started(jobId: string, lockedAt: Date | undefined): void {
    const claim = this.held.get(jobId);
    if (claim !== undefined && lockedAt !== undefined && claim.lockedAt.getTime() === new Date(lockedAt).getTime()) this.held.delete(jobId);
  }

  /** The hand-over whose attributes are `attrs` became run `runId`: its end save is fenced by it (see {@link saveJobState}). */
  bindRun(attrs: JobParameters, runId: string): void {
    this.runs.set(attrs, runId);
  }

  /**
   * The run bound to the hand-over whose attributes are `attrs` (see {@link bindRun}) ended its job, which moved to
   * the history: the end save, fenced by that run, would match nothing and is skipped.
   */
  runEnded(attrs: JobParameters): void {
    if (this.runs.has(attrs)) this.endedRuns.add(attrs);
  }

  /** Claims nothing more; resolves once searches already sent have ended (a job they locked is released). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Releases every job still locked by a claim of this process that never started (held in Agenda's local queue).
   * A lock written since (a run's heartbeat, another process's claim) no longer matches and is left alone.
   */
  async releaseUnstarted(): Promise<number> {
    const claims = [...this.held.entries()];
    this.held.clear();
    this.prelocked.clear();
    const released = await Promise.all(claims.map(([id, claim]) => this.release(id, claim.lockedAt)));
    return released.filter(Boolean).length;
  }

  private async claim(jobName: string, nextScanAt: Date, lockDeadline: Date, now: Date | undefined, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    // Claims older than the type's lock lifetime have expired anyway: nothing of them to release any more.
    for (const [id, claim] of this.held) if (claim.name === jobName && claim.lockedAt <= lockDeadline) this.held.delete(id);
    const askedAt = Date.now();
    const job = await this.claimNext(jobName, nextScanAt, lockDeadline, now ?? new Date(), options);
    if (job?._id === undefined || job.lockedAt === undefined || job.lockedAt === null) return job;
    const id = job._id.toString();
    let lockedAt = new Date(job.lockedAt);
    // The lock carries the time the search was sent. One that landed late (the driver holds requests through a
    // database outage) would look expired to Agenda at once, which then drops the job but keeps its lock slot for
    // good: after a few outages the type is never claimed again. Such a claim gets a fresh lock, or is let go.
    const lockLifetimeMs = askedAt - lockDeadline.getTime();
    if (Date.now() - lockedAt.getTime() > lockLifetimeMs / 4) {
      const fresh = new Date();
      const restamped = await this.collection.updateOne({ _id: new ObjectId(id), lockedAt }, { $set: { lockedAt: fresh } });
      if (restamped.modifiedCount === 0) return undefined;
      lockedAt = fresh;
      job.lockedAt = fresh;
    }
    if (this.closed) {
      await this.release(id, lockedAt).catch(() => undefined);
      return undefined;
    }
    this.held.set(id, { lockedAt, name: jobName });
    return job;
  }

  /**
   * Locks the next due job of `jobName`: candidates of the last general scan first, by `_id` (a new general scan once
   * it is stale); when they ran out and the scan did not see all of the type's due jobs, one scan of the type alone
   * (at most one per scan age, or per wake-up of the type).
   */
  private async claimNext(jobName: string, nextScanAt: Date, lockDeadline: Date, lockTime: Date, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    const ready = this.prelocked.get(jobName);
    for (let job = ready?.shift(); job !== undefined; job = ready?.shift()) {
      // Held longer than its lock lifetime: the scheduler may have given it to another worker.
      if (job.lockedAt !== undefined && job.lockedAt !== null && new Date(job.lockedAt) > lockDeadline) return job;
    }
    if (this.candidates.stale) await this.scan(nextScanAt, lockDeadline);
    const batch = this.batchSizes.get(jobName) ?? 1;
    for (let pass = 0; pass < 2; pass++) {
      for (;;) {
        const ids: ObjectId[] = [];
        for (let id = this.candidates.take(jobName); id !== undefined; id = ids.length < batch ? this.candidates.take(jobName) : undefined) ids.push(id);
        if (ids.length === 0) break;
        const locked = ids.length === 1 || options?.lastModifiedBy === undefined ? await this.lockEach(ids, jobName, nextScanAt, lockDeadline, lockTime, options) : await this.lockBatch(ids, jobName, nextScanAt, lockDeadline, options.lastModifiedBy);
        const [first, ...rest] = locked;
        if (first === undefined) continue;
        if (rest.length > 0) {
          for (const job of rest) this.held.set(String(job._id), { lockedAt: new Date(job.lockedAt!), name: jobName });
          this.prelocked.set(jobName, [...(this.prelocked.get(jobName) ?? []), ...rest]);
        }
        return first;
      }
      if (pass > 0 || this.candidates.exhausted(jobName) || !this.candidates.typeScanDue(jobName)) return undefined;
      await this.scanType(jobName, nextScanAt, lockDeadline);
    }
    return undefined;
  }

  /** Locks candidates one by one until one is locked (a single candidate, or no name to tell a batch's locks apart). */
  private async lockEach(ids: ObjectId[], jobName: string, nextScanAt: Date, lockDeadline: Date, lockTime: Date, options: JobRepositoryOptions | undefined): Promise<JobParameters[]> {
    for (const [i, id] of ids.entries()) {
      const locked = await this.lockCandidate(id, jobName, nextScanAt, lockDeadline, lockTime, options);
      if (locked === undefined) continue;
      // The rest go back to the front of the type's candidates, in their order.
      this.candidates.putBack(jobName, ids.slice(i + 1));
      return [locked];
    }
    return [];
  }

  /**
   * Locks every candidate of `ids` still claimable, with one `updateMany` (Agenda's conditions on each document, so a
   * job another worker locked meanwhile is left alone), then reads back the ones this batch locked: those with its
   * lock time and this worker's name (a lock time of their own per batch, so that no other lock of this process or
   * of another can be mistaken for one of this batch). Returns them in claim order.
   */
  private async lockBatch(ids: ObjectId[], jobName: string, nextScanAt: Date, lockDeadline: Date, worker: string): Promise<JobParameters[]> {
    const lockMs = Math.max(Date.now(), this.lastBatchLockMs + 1);
    this.lastBatchLockMs = lockMs;
    const lockedAt = new Date(lockMs);
    const result = await this.collection.updateMany({ _id: { $in: ids }, name: jobName, ...claimable(nextScanAt, lockDeadline) }, { $set: { lockedAt, lastModifiedBy: worker } });
    if (result.modifiedCount === 0) return [];
    const docs = await this.collection.find({ _id: { $in: ids }, lockedAt, lastModifiedBy: worker }).toArray();
    const order = new Map(ids.map((id, i) => [id.toHexString(), i]));
    return docs.sort((a, b) => order.get(String(a._id))! - order.get(String(b._id))!).map(toJobParameters);
  }

  /** One general scan at a time; claims arriving meanwhile wait for it. */
  private scan(nextScanAt: Date, lockDeadline: Date): Promise<void> {
    this.scanning ??= (async () => {
      try {
        const started = Date.now();
        const found = await this.findDue({}, nextScanAt, lockDeadline);
        this.candidates.replace(found, found.length < CLAIM_SCAN_LIMIT, Date.now() - started);
      } finally {
        this.scanning = undefined;
      }
    })();
    return this.scanning;
  }

  private async scanType(jobName: string, nextScanAt: Date, lockDeadline: Date): Promise<void> {
    const found = await this.findDue({ name: jobName }, nextScanAt, lockDeadline);
    this.candidates.replaceType(jobName, found, found.length < CLAIM_SCAN_LIMIT);
  }

  /**
   * Due jobs (or jobs whose lock expired), up to {@link CLAIM_SCAN_LIMIT}, soonest first then by priority, as Agenda
   * orders its claims. Sorted here, not by the database (see {@link CLAIM_SCAN_LIMIT}); past the limit, which due
   * jobs a scan returns is the database's natural order (on FerretDB, the order they were written in).
   */
  private async findDue(extra: Filter<Document>, nextScanAt: Date, lockDeadline: Date): Promise<ClaimCandidate[]> {
    const found = await this.collection
      .find({ ...extra, ...claimable(nextScanAt, lockDeadline) }, { projection: { _id: 1, name: 1, nextRunAt: 1, priority: 1 } })
      .limit(CLAIM_SCAN_LIMIT)
      .toArray();
    return found.sort(byClaimOrder).map((doc) => ({ _id: doc._id, name: doc.name }));
  }

  /** Agenda's lock of one job, by `_id`: only if it is still claimable. */
  private async lockCandidate(_id: ObjectId, jobName: string, nextScanAt: Date, lockDeadline: Date, lockTime: Date, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    const doc = await this.collection.findOneAndUpdate(
      { _id, name: jobName, ...claimable(nextScanAt, lockDeadline) },
      { $set: { lockedAt: lockTime, lastModifiedBy: options?.lastModifiedBy ?? null } },
      { returnDocument: 'after' },
    );
    return doc === null ? undefined : toJobParameters(doc);
  }

  private async release(id: string, lockedAt: Date): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: new ObjectId(id), lockedAt }, { $set: { lockedAt: null } });
    return result.modifiedCount > 0;
  }
}

/** Agenda's claim order: the soonest due first (no next run time last), then the highest priority. */
function byClaimOrder(a: Document, b: Document): number {
  const at = (doc: Document) => (doc.nextRunAt instanceof Date ? doc.nextRunAt.getTime() : Number.POSITIVE_INFINITY);
  return at(a) - at(b) || (Number(b.priority) || 0) - (Number(a.priority) || 0);
}

/** Agenda's conditions for a job it may lock: enabled, and due and unlocked, or locked before `lockDeadline` (expired). */
function claimable(nextScanAt: Date, lockDeadline: Date): Filter<Document> {
  return { disabled: { $ne: true }, $or: [{ lockedAt: { $eq: null }, nextRunAt: { $lte: nextScanAt } }, { lockedAt: { $lte: lockDeadline } }] };
}

/** Agenda's fields of a stored job, as `@agendajs/mongo-backend` hands them over (`undefined` for absent or null ones). */
const AGENDA_FIELDS = [
  'lockedAt', 'lastFinishedAt', 'failedAt', 'failCount', 'failReason', 'repeatTimezone', 'lastRunAt', 'repeatInterval', 'repeatAt',
  'disabled', 'progress', 'unique', 'uniqueOpts', 'lastModifiedBy', 'fork', 'debounceStartedAt', 'startDate', 'endDate', 'skipDays',
] as const;

/** A stored job as Agenda's repository hands it over (the conversion of `@agendajs/mongo-backend`, which it does not export). */
function toJobParameters(doc: Document): JobParameters {
  const job: Record<string, unknown> = {
    _id: toJobId((doc._id as ObjectId).toHexString()),
    name: doc.name,
    priority: doc.priority,
    nextRunAt: doc.nextRunAt,
    type: doc.type,
    data: doc.data,
  };
  for (const field of AGENDA_FIELDS) job[field] = doc[field] ?? undefined;
  return job as unknown as JobParameters;
}

/** An Agenda backend on a database this process already holds open, with the {@link ClaimGatedRepository}. */
export class ClaimGatedBackend implements AgendaBackend {
  readonly name = 'MongoDB';
  readonly ownsConnection = false;
  readonly repository: ClaimGatedRepository;

  constructor(db: Db, collection: string, scanMaxAgeMs?: number) {
    this.repository = new ClaimGatedRepository(db, collection, scanMaxAgeMs);
  }

  connect(): Promise<void> {
    return this.repository.connect();
  }

  /** The database belongs to the process: nothing to close. */
  async disconnect(): Promise<void> {}
}
