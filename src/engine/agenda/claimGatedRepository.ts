import { MongoJobRepository } from '@agendajs/mongo-backend';
import type { AgendaBackend, JobParameters, JobRepositoryOptions } from 'agenda';
import { ObjectId, type Db } from 'mongodb';
import { JobState } from '../jobState.ts';

/** A claim this process holds: the lock time Agenda wrote, and the job type (whose lock lifetime bounds it). */
interface HeldClaim {
  lockedAt: Date;
  name: string;
}

/**
 * Agenda's MongoDB job repository with a gate on claims (Agenda's `getNextJobToRun`, which locks a due job for this
 * process). Agenda locks more jobs than it runs (up to each type's lock limit) and keeps the extra ones in a local
 * queue; its `drain()` then forgets them, and a search already sent when the drain began still locks a job after it.
 * The gate closes that gap: after {@link close} it claims nothing more, releases what an earlier search still locks,
 * and {@link releaseUnstarted} lets go of every claim that never became a run.
 */
export class ClaimGatedRepository extends MongoJobRepository {
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Claims not yet started, by job id. */
  private readonly held = new Map<string, HeldClaim>();
  /** The run each hand-over became, keyed by the attributes object Agenda saves at the hand-over's end. */
  private readonly runs = new WeakMap<object, string>();

  constructor(db: Db, collection: string) {
    super({ mongo: db, db: { collection } });
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
   * Agenda's save of a job's scheduling fields, at the start and at the end of a hand-over. The end save of a
   * hand-over that became a run applies only while that run still owns the job and has written how it ended:
   * a run that lost its job to a newer one leaves the newer one's lock and next run time alone, and a run that
   * could not record its end leaves its lock to expire (the scheduler then takes the job over). It never clears a
   * next run time: the runner writes the next run of a retry or a requeue itself, and a one-off job's start save
   * already cleared it. Not matching is not an error (Agenda ignores a failed save anyway).
   */
  override async saveJobState(job: JobParameters, options?: { lastModifiedBy?: string }): Promise<void> {
    const runId = this.runs.get(job);
    if (runId === undefined || job._id === undefined) return super.saveJobState(job, options);
    const $set: Record<string, unknown> = {
      lockedAt: job.lockedAt ? new Date(job.lockedAt) : null,
      lastRunAt: job.lastRunAt ? new Date(job.lastRunAt) : null,
      progress: job.progress ?? null,
      failReason: job.failReason ?? null,
      failCount: job.failCount ?? null,
      failedAt: job.failedAt ? new Date(job.failedAt) : null,
      lastFinishedAt: job.lastFinishedAt ? new Date(job.lastFinishedAt) : null,
      lastModifiedBy: options?.lastModifiedBy ?? null,
    };
    if (job.nextRunAt) $set.nextRunAt = new Date(job.nextRunAt);
    await this.collection.updateOne({ _id: new ObjectId(job._id.toString()), name: job.name, runId, state: { $ne: JobState.Running } }, { $set });
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
    const released = await Promise.all(claims.map(([id, claim]) => this.release(id, claim.lockedAt)));
    return released.filter(Boolean).length;
  }

  private async claim(jobName: string, nextScanAt: Date, lockDeadline: Date, now: Date | undefined, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    // Claims older than the type's lock lifetime have expired anyway: nothing of them to release any more.
    for (const [id, claim] of this.held) if (claim.name === jobName && claim.lockedAt <= lockDeadline) this.held.delete(id);
    const askedAt = Date.now();
    const job = await super.getNextJobToRun(jobName, nextScanAt, lockDeadline, now, options);
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

  private async release(id: string, lockedAt: Date): Promise<boolean> {
    const result = await this.collection.updateOne({ _id: new ObjectId(id), lockedAt }, { $set: { lockedAt: null } });
    return result.modifiedCount > 0;
  }
}

/** An Agenda backend on a database this process already holds open, with the {@link ClaimGatedRepository}. */
export class ClaimGatedBackend implements AgendaBackend {
  readonly name = 'MongoDB';
  readonly ownsConnection = false;
  readonly repository: ClaimGatedRepository;

  constructor(db: Db, collection: string) {
    this.repository = new ClaimGatedRepository(db, collection);
  }

  connect(): Promise<void> {
    return this.repository.connect();
  }

  /** The database belongs to the process: nothing to close. */
  async disconnect(): Promise<void> {}
}
