import { ObjectId, type Collection, type Db } from 'mongodb';
import { ExportStatus, toExportView, type ExportDocument, type ExportFilterCondition, type ExportView } from './exportDocument.ts';

/** Name of the collection of exports. */
export const EXPORTS_COLLECTION = 'exports';

/** What a client asks for when it starts an export. */
export interface ExportRequest {
  tenantId: string;
  backupId: string;
  orgId: string;
  object: string;
  fields: string[] | null;
  filter: ExportFilterCondition[];
}

/** The `exports` collection: one document per export, written by its job. */
export class ExportStore {
  private readonly exports: Collection<ExportDocument>;

  constructor(db: Db) {
    this.exports = db.collection<ExportDocument>(EXPORTS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.exports.createIndex({ tenantId: 1, createdAt: -1 }, { name: 'tenant_created' });
    await this.exports.createIndex({ expiresAt: 1 }, { name: 'expires' });
  }

  async create(request: ExportRequest): Promise<ExportView> {
    const doc: ExportDocument = {
      _id: new ObjectId(),
      ...request,
      jobId: null,
      status: ExportStatus.Queued,
      rows: 0,
      bytes: 0,
      sha256: null,
      error: null,
      createdAt: new Date(),
      finishedAt: null,
      expiresAt: null,
    };
    await this.exports.insertOne(doc);
    return toExportView(doc);
  }

  async attachJob(id: string, jobId: string): Promise<void> {
    await this.exports.updateOne({ _id: new ObjectId(id) }, { $set: { jobId } });
  }

  async remove(id: string): Promise<void> {
    await this.exports.deleteOne({ _id: new ObjectId(id) });
  }

  /** The tenant's export, or `null` (also for a malformed id). */
  async get(tenantId: string, id: string): Promise<ExportView | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.exports.findOne({ _id: new ObjectId(id), tenantId });
    return doc === null ? null : toExportView(doc);
  }

  /** The tenant's exports, newest first (at most `limit`). */
  async list(tenantId: string, limit = 100): Promise<ExportView[]> {
    const docs = await this.exports.find({ tenantId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map(toExportView);
  }

  /** An export whatever its tenant: for the job that writes it. */
  async getForWorker(id: string): Promise<ExportView | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.exports.findOne({ _id: new ObjectId(id) });
    return doc === null ? null : toExportView(doc);
  }

  async update(id: string, change: Partial<Pick<ExportDocument, 'status' | 'rows' | 'bytes' | 'sha256' | 'error' | 'finishedAt' | 'expiresAt'>>): Promise<void> {
    await this.exports.updateOne({ _id: new ObjectId(id) }, { $set: change });
  }

  /** Finished exports whose time is up (at most `limit`). */
  async listExpired(now: Date, limit = 100): Promise<ExportView[]> {
    const docs = await this.exports.find({ status: ExportStatus.Succeeded, expiresAt: { $lte: now } }).limit(limit).toArray();
    return docs.map(toExportView);
  }
}
