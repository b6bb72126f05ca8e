import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';

/**
 * A tenant's creation counter and the jobs it created that may still wait to start (`_id` `queue:<tenant>`).
 * `count` is always the number of keys of `jobs`: every write changes both, conditioned on the key.
 */
export interface TenantQueueDocument {
  _id: string;
  /** Clock minute (`Date.now() / 60000`, floored) that `created` counts. */
  minute: number;
  /** Jobs created in that minute. */
  created: number;
  count: number;
  /** Job id (hex) → when it was admitted. Entries of jobs that started or ended are removed lazily (see `TenantQuota`). */
  jobs: Record<string, Date>;
}

/** A running slot held by one run. */
export interface RunLease {
  jobId: string;
  /** When the slot was taken, or last confirmed alive. */
  at: Date;
  /** The run's lock lifetime: a lease whose run shows no sign of life for this long is stale. */
  lifetimeMs: number;
}

/**
 * A tenant's running slots (`_id` `run:<tenant>`): `count` is always the number of keys of `leases`.
 * `waiting` holds the jobs held back by the cap, to wake one when a slot frees.
 */
export interface TenantRunDocument {
  _id: string;
  count: number;
  /** Run id → lease. */
  leases: Record<string, RunLease>;
  /** Job id (hex) → when it started waiting. */
  waiting: Record<string, Date>;
}

type QuotaDocument = TenantQueueDocument | TenantRunDocument;

const queueId = (tenantId: string) => `queue:${tenantId}`;
const runId = (tenantId: string) => `run:${tenantId}`;

/** Whether a write failed on a duplicate `_id` (an upsert that found its document but not its conditions). */
function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * The per-tenant quota documents. Every read and write addresses one document by `_id` (the only indexed
 * access on FerretDB) and is atomic on it, so API and worker processes sharing the database agree on the counts.
 */
export class TenantQuotaStore {
  /** Per-tenant quota counters: `queue:<tenant>` (creation rate, jobs waiting to start), `run:<tenant>` (running slots). */
  static readonly collection: CollectionSpec = {
    name: 'tenantQuotas',
    holds: "a tenant's job quota counter, `_id` `queue:<tenant>` or `run:<tenant>`",
    indexes: [],
  };

  private readonly docs: Collection<QuotaDocument>;

  constructor(db: Db) {
    this.docs = db.collection<QuotaDocument>(TenantQuotaStore.collection.name);
  }

  private get queues(): Collection<TenantQueueDocument> {
    return this.docs as unknown as Collection<TenantQueueDocument>;
  }

  private get runs(): Collection<TenantRunDocument> {
    return this.docs as unknown as Collection<TenantRunDocument>;
  }

  /**
   * Counts a job in one write when the tenant is within its limits: `minute` (null: not counted against the rate)
   * must be the document's with `created < rateLimit`, and `count < queueCap` (0: the limit is off).
   * False when a condition (or the document) is missing: the caller reads the document to learn which.
   */
  async admit(tenantId: string, jobId: string, at: Date, minute: number | null, rateLimit: number, queueCap: number): Promise<boolean> {
    const filter: Filter<TenantQueueDocument> = { _id: queueId(tenantId) };
    const inc: Record<string, number> = {};
    const set: Record<string, unknown> = {};
    if (minute !== null) {
      filter.minute = minute;
      if (rateLimit > 0) filter.created = { $lt: rateLimit };
      inc.created = 1;
    }
    if (queueCap > 0) {
      filter.count = { $lt: queueCap };
      Object.assign(filter, { [`jobs.${jobId}`]: { $exists: false } });
      inc.count = 1;
      set[`jobs.${jobId}`] = at;
    }
    const update: UpdateFilter<TenantQueueDocument> = { $inc: inc };
    if (Object.keys(set).length > 0) update.$set = set;
    const res = await this.queues.updateOne(filter, update);
    return res.matchedCount === 1;
  }

  /**
   * Counts new jobs (ids never admitted before) in one write when they all fit: `minute`'s `created + ids.length <=
   * rateLimit` and `count + ids.length <= queueCap` (0: the limit is off), as {@link admit} does for one job.
   */
  async admitMany(tenantId: string, jobIds: readonly string[], at: Date, minute: number | null, rateLimit: number, queueCap: number): Promise<boolean> {
    const n = jobIds.length;
    const filter: Filter<TenantQueueDocument> = { _id: queueId(tenantId) };
    const inc: Record<string, number> = {};
    const set: Record<string, unknown> = {};
    if (minute !== null) {
      filter.minute = minute;
      if (rateLimit > 0) filter.created = { $lte: rateLimit - n };
      inc.created = n;
    }
    if (queueCap > 0) {
      filter.count = { $lte: queueCap - n };
      inc.count = n;
      for (const id of jobIds) set[`jobs.${id}`] = at;
    }
    const update: UpdateFilter<TenantQueueDocument> = { $inc: inc };
    if (Object.keys(set).length > 0) update.$set = set;
    const res = await this.queues.updateOne(filter, update);
    return res.matchedCount === 1;
  }

  /** The tenant's queue document, or `null`. */
  readQueue(tenantId: string): Promise<TenantQueueDocument | null> {
    return this.queues.findOne({ _id: queueId(tenantId) });
  }

  /** Creates the tenant's queue document counting one job; false when another process created it first. */
  async createQueue(tenantId: string, minute: number, created: number, jobs: Record<string, Date>): Promise<boolean> {
    try {
      await this.queues.insertOne({ _id: queueId(tenantId), minute, created, count: Object.keys(jobs).length, jobs });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Starts a new rate window, unless another process already moved it on from `fromMinute`. */
  async startMinute(tenantId: string, fromMinute: number, minute: number): Promise<void> {
    await this.queues.updateOne({ _id: queueId(tenantId), minute: fromMinute }, { $set: { minute, created: 0 } });
  }

  /**
   * Removes jobs from the tenant's waiting jobs (those still there); returns how many it removed. One write when
   * no other process removed any of them meanwhile, one per job otherwise.
   */
  async removeQueued(tenantId: string, jobIds: readonly string[]): Promise<number> {
    if (jobIds.length === 0) return 0;
    const all = await this.queues.updateOne(
      { _id: queueId(tenantId), ...Object.fromEntries(jobIds.map((id) => [`jobs.${id}`, { $exists: true }])) },
      { $unset: Object.fromEntries(jobIds.map((id) => [`jobs.${id}`, ''])), $inc: { count: -jobIds.length } },
    );
    if (all.matchedCount === 1) return jobIds.length;
    if (jobIds.length === 1) return 0;
    let removed = 0;
    for (const id of jobIds) removed += await this.removeQueued(tenantId, [id]);
    return removed;
  }

  /** Takes a running slot for `runId` if fewer than `cap` are held (and forgets the job among the waiting); false when full. */
  async acquire(tenantId: string, run: string, lease: RunLease, cap: number): Promise<boolean> {
    const filter: Filter<TenantRunDocument> = { _id: runId(tenantId), count: { $lt: cap } };
    const update: UpdateFilter<TenantRunDocument> = { $inc: { count: 1 }, $set: { [`leases.${run}`]: lease }, $unset: { [`waiting.${lease.jobId}`]: '' } };
    try {
      await this.runs.updateOne(filter, update, { upsert: true });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // The upsert collided with an existing document: it is full, or another process created it just now
    // (FerretDB does not retry such upserts): without the upsert, the conditions decide.
    const res = await this.runs.updateOne(filter, update);
    return res.matchedCount === 1;
  }

  /** Frees the slot of `run`; returns the document after (its `waiting` jobs), or `null` when the run held none. */
  release(tenantId: string, run: string): Promise<TenantRunDocument | null> {
    return this.runs.findOneAndUpdate(
      { _id: runId(tenantId), [`leases.${run}`]: { $exists: true } },
      { $unset: { [`leases.${run}`]: '' }, $inc: { count: -1 } },
      { returnDocument: 'after' },
    );
  }

  /** Registers a job as waiting for a slot; returns the document after (its leases). */
  async addWaiting(tenantId: string, jobId: string, at: Date): Promise<TenantRunDocument> {
    const update: UpdateFilter<TenantRunDocument> = { $set: { [`waiting.${jobId}`]: at }, $setOnInsert: { count: 0, leases: {} } };
    let doc: TenantRunDocument | null;
    try {
      doc = await this.runs.findOneAndUpdate({ _id: runId(tenantId) }, update, { returnDocument: 'after', upsert: true });
    } catch (error) {
      // Another process created the document between this upsert's look and its insert.
      if (!isDuplicateKey(error)) throw error;
      doc = await this.runs.findOneAndUpdate({ _id: runId(tenantId) }, update, { returnDocument: 'after', upsert: true });
    }
    return doc!;
  }

  /** Takes a job off the waiting list to wake it; false when another process took it first (or it is not there). */
  async claimWaiting(tenantId: string, jobId: string): Promise<boolean> {
    const res = await this.runs.updateOne({ _id: runId(tenantId), [`waiting.${jobId}`]: { $exists: true } }, { $unset: { [`waiting.${jobId}`]: '' } });
    return res.matchedCount === 1;
  }

  /** The tenant's running slots, or `null`. */
  readRun(tenantId: string): Promise<TenantRunDocument | null> {
    return this.runs.findOne({ _id: runId(tenantId) });
  }

  /** Frees a stale lease (its run is gone); false when it was already freed. */
  async reclaim(tenantId: string, run: string): Promise<boolean> {
    const res = await this.runs.updateOne(
      { _id: runId(tenantId), [`leases.${run}`]: { $exists: true } },
      { $unset: { [`leases.${run}`]: '' }, $inc: { count: -1 } },
    );
    return res.matchedCount === 1;
  }

  /** Records that a lease's run was seen alive at `at` (it is not checked again before its lifetime passes). */
  async confirm(tenantId: string, run: string, at: Date): Promise<void> {
    await this.runs.updateOne({ _id: runId(tenantId), [`leases.${run}`]: { $exists: true } }, { $set: { [`leases.${run}.at`]: at } });
  }
}
