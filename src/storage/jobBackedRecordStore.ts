import type { Collection, Db, Filter, OptionalUnlessRequiredId, UpdateFilter } from 'mongodb';
import { deleteByIds, type DeleteBatches } from '../db/deleteBatches.ts';
import { newRecordId, recordIdOf, recordKey, type RecordKey } from '../db/recordId.ts';

/** Statuses every job-backed record has (each record adds its own, e.g. a backup's `PARTIAL`). */
export const JobBackedStatus = { Queued: 'QUEUED', Running: 'RUNNING', Failed: 'FAILED', Cancelled: 'CANCELLED' } as const;

/** What every job-backed record stores: its tenant, its job, a status and when it ended. */
export interface JobBackedDocument {
  _id: RecordKey;
  tenantId: string;
  jobId: string | null;
  status: string;
  error?: { code: string; message: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** How a record follows its job (see {@link JobBackedRecordStore.followJob}). */
export type JobFollowKind = 'FAILED' | 'DEBUG' | 'CANCELLED' | 'REQUEUED';

/** Options of {@link JobBackedRecordStore}. */
export interface JobBackedRecordStoreOptions<Doc, View> {
  /** Collection name (the subclass's `static collection`). */
  collection: string;
  /** The view handed out for a stored document (its `_id` as `id`). */
  toView: (doc: Doc) => View;
}

/**
 * One collection of records a job writes (backups, restores, exports): created by their domain
 * service before the job, then written by the job (one writer, fenced by its lock) and finally by
 * the service when the job ends. Every read and write is scoped to a tenant: another tenant's id
 * finds nothing. Reads across tenants exist only for operator and sweeper paths, named `…AnyTenant`.
 * Ids are random (see `newRecordId`); records written before random ids keep their ObjectId `_id`.
 */
export class JobBackedRecordStore<Doc extends JobBackedDocument, View> {
  protected readonly records: Collection<Doc>;
  private readonly toView: (doc: Doc) => View;

  constructor(db: Db, options: JobBackedRecordStoreOptions<Doc, View>) {
    this.records = db.collection<Doc>(options.collection);
    this.toView = options.toView;
  }

  /** Stores a new record under a new random id. */
  protected async insert(fields: Omit<Doc, '_id'>): Promise<View> {
    const doc = { _id: newRecordId(), ...fields } as unknown as Doc;
    await this.records.insertOne(doc as OptionalUnlessRequiredId<Doc>);
    return this.toView(doc);
  }

  /** The filter of the tenant's record `id`; `null` when `id` cannot be a record id. */
  protected scope(tenantId: string, id: string): Filter<Doc> | null {
    const _id = recordKey(id);
    return _id === null ? null : ({ _id, tenantId } as Filter<Doc>);
  }

  /** Links a record to the job that runs it. */
  async attachJob(tenantId: string, id: string, jobId: string): Promise<void> {
    await this.set(tenantId, id, { jobId } as Partial<Doc>);
  }

  /** Removes a record that never got its job (the service compensates a failed enqueue). */
  async remove(tenantId: string, id: string): Promise<void> {
    const filter = this.scope(tenantId, id);
    if (filter !== null) await this.records.deleteOne(filter);
  }

  /** The tenant's record, or `null` (another tenant's, or a malformed id). */
  async get(tenantId: string, id: string): Promise<View | null> {
    const filter = this.scope(tenantId, id);
    const doc = filter === null ? null : await this.records.findOne(filter);
    return doc === null ? null : this.toView(doc as Doc);
  }

  /** The tenant's record that job `jobId` runs, or `null`. */
  async getByJob(tenantId: string, jobId: string): Promise<View | null> {
    const doc = await this.records.findOne({ tenantId, jobId } as Filter<Doc>);
    return doc === null ? null : this.toView(doc as Doc);
  }

  /** The tenant's records matching `filter`, newest first (at most `limit`). */
  protected async listWhere(tenantId: string, filter: Record<string, unknown>, limit: number): Promise<View[]> {
    const docs = await this.records
      .find({ ...filter, tenantId } as Filter<Doc>)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => this.toView(d as Doc));
  }

  /** Sets fields of the tenant's record (whole fields: FerretDB-safe; the job is the one writer). */
  protected async set(tenantId: string, id: string, fields: Partial<Doc>): Promise<void> {
    const filter = this.scope(tenantId, id);
    if (filter === null) return;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length === 0) return;
    await this.records.updateOne(filter, { $set: defined } as UpdateFilter<Doc>);
  }

  /**
   * Marks the tenant's record `RUNNING` (with `fields`) when a run of its job starts, unless the record
   * already ended meanwhile (its job cancelled while the run started): a record left `CANCELLED` by a
   * cancel is not turned back. Returns whether it changed.
   */
  async markRunning(tenantId: string, id: string, fields: Partial<Doc> = {}): Promise<boolean> {
    const filter = this.scope(tenantId, id);
    if (filter === null) return false;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const result = await this.records.updateOne(
      { ...filter, status: { $in: [JobBackedStatus.Queued, JobBackedStatus.Running] } },
      { $set: { ...defined, status: JobBackedStatus.Running, error: null, finishedAt: null } } as UpdateFilter<Doc>,
    );
    return result.modifiedCount > 0;
  }

  /**
   * Makes the record follow its job `jobId` when the engine moved the job (whatever moved it: the
   * runner, a cancel, the zombie detector, the debug queue): a job that failed or was parked in the
   * debug queue leaves a `QUEUED`/`RUNNING` record `FAILED` with its error, a cancelled one
   * `CANCELLED`; a `FAILED`/`CANCELLED` record whose job is requeued is `QUEUED` again. A record the
   * run already ended (its own `FAILED` with a reason, `SUCCEEDED`) is left alone. Returns whether it changed.
   */
  async followJob(tenantId: string, id: string, jobId: string, kind: JobFollowKind, error: { code: string; message: string } | null): Promise<boolean> {
    const filter = this.scope(tenantId, id);
    if (filter === null) return false;
    const ending = kind !== 'REQUEUED';
    const from = ending ? [JobBackedStatus.Queued, JobBackedStatus.Running] : [JobBackedStatus.Failed, JobBackedStatus.Cancelled];
    const set: Record<string, unknown> = ending
      ? { status: kind === 'CANCELLED' ? JobBackedStatus.Cancelled : JobBackedStatus.Failed, error, finishedAt: new Date() }
      : { status: JobBackedStatus.Queued, error: null, finishedAt: null };
    const result = await this.records.updateOne({ ...filter, jobId, status: { $in: from } }, { $set: set } as UpdateFilter<Doc>);
    return result.modifiedCount > 0;
  }

  /**
   * Up to `limit` records of every tenant that ended (any status but `QUEUED`/`RUNNING`) before `cutoff`, in `_id`
   * order after record `after` (default from the first): for the retention sweep only.
   */
  async listFinishedBeforeAnyTenant(cutoff: Date, limit: number, after: string | null = null): Promise<{ id: string; tenantId: string; jobId: string | null }[]> {
    const filter: Record<string, unknown> = { status: { $nin: [JobBackedStatus.Queued, JobBackedStatus.Running] }, finishedAt: { $lt: cutoff } };
    const from = after === null ? null : (recordKey(after) ?? after);
    if (from !== null) filter._id = { $gt: from };
    const docs = await this.records
      .find(filter as Filter<Doc>, { projection: { _id: 1, tenantId: 1, jobId: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ id: recordIdOf(d._id), tenantId: d.tenantId, jobId: (d.jobId as string | null | undefined) ?? null }));
  }

  /** Deletes records of any tenant by id, in batches, unless one started again meanwhile (for the retention sweep only). */
  async deleteAnyTenant(ids: readonly string[], batches: DeleteBatches): Promise<number> {
    const keys = ids.flatMap((id) => {
      const key = recordKey(id);
      return key === null ? [] : [key];
    });
    return deleteByIds(this.records, keys, batches, { status: { $nin: [JobBackedStatus.Queued, JobBackedStatus.Running] } } as Filter<Doc>);
  }
}

/** The client id of a stored record. */
export function viewId(doc: { _id: RecordKey }): string {
  return recordIdOf(doc._id);
}
