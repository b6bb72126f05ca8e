import { ObjectId, type Collection, type Db } from 'mongodb';
import { toRestoreView, RestoreStatus, type IdMapping, type RestoreCounts, type RestoreDocument, type RestoreMode, type RestorePlan, type RestoreView } from './restoreDocument.ts';

/** Name of the collection of restores. */
export const RESTORES_COLLECTION = 'restores';

/** What a client asks for when it starts a restore. */
export interface RestoreRequest {
  tenantId: string;
  backupId: string;
  sourceOrgId: string;
  targetOrgId: string;
  mode: RestoreMode;
  dryRun: boolean;
  objects: string[] | null;
  recordIds: string[] | null;
  ownerMappings: IdMapping[];
  recordTypeMappings: IdMapping[];
}

/** The `restores` collection: one document per restore, written by its job (one writer, fenced by its lock). */
export class RestoreStore {
  private readonly restores: Collection<RestoreDocument>;

  constructor(db: Db) {
    this.restores = db.collection<RestoreDocument>(RESTORES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.restores.createIndex({ tenantId: 1, createdAt: -1 }, { name: 'tenant_created' });
  }

  /** Records a new, queued restore. */
  async create(request: RestoreRequest): Promise<RestoreView> {
    const doc: RestoreDocument = {
      _id: new ObjectId(),
      ...request,
      jobId: null,
      status: RestoreStatus.Queued,
      plan: null,
      counts: {},
      error: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    };
    await this.restores.insertOne(doc);
    return toRestoreView(doc);
  }

  async attachJob(id: string, jobId: string): Promise<void> {
    await this.restores.updateOne({ _id: new ObjectId(id) }, { $set: { jobId } });
  }

  /** Removes a restore that never got its job. */
  async remove(id: string): Promise<void> {
    await this.restores.deleteOne({ _id: new ObjectId(id) });
  }

  /** The tenant's restore, or `null` (also for a malformed id). */
  async get(tenantId: string, id: string): Promise<RestoreView | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.restores.findOne({ _id: new ObjectId(id), tenantId });
    return doc === null ? null : toRestoreView(doc);
  }

  /** The tenant's restore started by job `jobId`, or `null`. */
  async getByJob(tenantId: string, jobId: string): Promise<RestoreView | null> {
    const doc = await this.restores.findOne({ tenantId, jobId });
    return doc === null ? null : toRestoreView(doc);
  }

  /** A restore whatever its tenant: for the job that runs it. */
  async getForWorker(id: string): Promise<RestoreView | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.restores.findOne({ _id: new ObjectId(id) });
    return doc === null ? null : toRestoreView(doc);
  }

  /** The tenant's restores, newest first (at most `limit`). */
  async list(tenantId: string, limit = 100): Promise<RestoreView[]> {
    const docs = await this.restores.find({ tenantId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map(toRestoreView);
  }

  /** Stores what the job knows now (whole fields: FerretDB-safe, one writer). */
  async update(
    id: string,
    change: { status?: RestoreStatus; plan?: RestorePlan; counts?: Record<string, RestoreCounts>; error?: { code: string; message: string } | null; startedAt?: Date; finishedAt?: Date },
  ): Promise<void> {
    const set: Partial<RestoreDocument> = {};
    for (const key of ['status', 'plan', 'counts', 'error', 'startedAt', 'finishedAt'] as const) {
      if (change[key] !== undefined) (set as Record<string, unknown>)[key] = change[key];
    }
    await this.restores.updateOne({ _id: new ObjectId(id) }, { $set: set });
  }
}
