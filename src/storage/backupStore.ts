import { ObjectId, type Collection, type Db } from 'mongodb';
import { Collections } from '../db/collections.ts';
import { BackupStatus, toBackupView, type BackupDocument, type BackupMode, type BackupObjectEntry, type BackupView } from './backupDocument.ts';

/** Parses a backup id; `null` when it cannot be one. */
export function parseBackupId(id: string): ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new ObjectId(id) : null;
}

/** The `backups` collection: one document per backup, written by its job (a single writer, fenced by the job's lock). */
export class BackupStore {
  private readonly backups: Collection<BackupDocument>;

  constructor(db: Db) {
    this.backups = db.collection<BackupDocument>(Collections.backups);
  }

  async ensureIndexes(): Promise<void> {
    await this.backups.createIndex({ tenantId: 1, orgId: 1, createdAt: -1 }, { name: 'tenant_org_created' });
  }

  /** Records a new, queued backup. */
  async create(request: { tenantId: string; orgId: string; mode: BackupMode; objects: string[] | null }): Promise<BackupView> {
    const doc: BackupDocument = {
      _id: new ObjectId(),
      tenantId: request.tenantId,
      orgId: request.orgId,
      jobId: null,
      mode: request.mode,
      status: BackupStatus.Queued,
      requestedObjects: request.objects,
      objects: [],
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    };
    await this.backups.insertOne(doc);
    return toBackupView(doc);
  }

  async attachJob(id: string, jobId: string): Promise<void> {
    await this.backups.updateOne({ _id: new ObjectId(id) }, { $set: { jobId } });
  }

  /** Removes a backup that never got its job. */
  async remove(id: string): Promise<void> {
    await this.backups.deleteOne({ _id: new ObjectId(id) });
  }

  /** The tenant's backup, or `null` (also for a malformed id). */
  async get(tenantId: string, id: string): Promise<BackupView | null> {
    const _id = parseBackupId(id);
    if (_id === null) return null;
    const doc = await this.backups.findOne({ _id, tenantId });
    return doc === null ? null : toBackupView(doc);
  }

  /** A backup whatever its tenant: for the job that writes it. */
  async getForWorker(id: string): Promise<BackupView | null> {
    const _id = parseBackupId(id);
    if (_id === null) return null;
    const doc = await this.backups.findOne({ _id });
    return doc === null ? null : toBackupView(doc);
  }

  /** The tenant's backups of an org, newest first (at most `limit`). */
  async listByOrg(tenantId: string, orgId: string, limit = 100): Promise<BackupView[]> {
    const docs = await this.backups.find({ tenantId, orgId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map(toBackupView);
  }

  /**
   * The newest backup of `orgId` created before `before` in which `objectName` succeeded: the base
   * of an incremental backup of that object, or `null` when there is none. Reads the org's backups
   * newest first (JavaScript filter: portable to FerretDB and DocumentDB).
   */
  async lastSucceededObject(orgId: string, objectName: string, before: Date): Promise<{ backup: BackupView; entry: BackupObjectEntry } | null> {
    const cursor = this.backups.find({ orgId, createdAt: { $lt: before }, status: { $in: [BackupStatus.Succeeded, BackupStatus.Partial] } }).sort({ createdAt: -1, _id: -1 });
    try {
      for await (const doc of cursor) {
        const entry = doc.objects.find((o) => o.name === objectName && o.status === 'SUCCEEDED');
        if (entry !== undefined) return { backup: toBackupView(doc), entry };
      }
    } finally {
      await cursor.close();
    }
    return null;
  }

  /** Stores the backup's status and objects as its job sees them now (the whole array: FerretDB-safe, one writer). */
  async update(id: string, change: { status?: BackupStatus; objects?: BackupObjectEntry[]; startedAt?: Date; finishedAt?: Date }): Promise<void> {
    const set: Partial<BackupDocument> = {};
    if (change.status !== undefined) set.status = change.status;
    if (change.objects !== undefined) set.objects = change.objects;
    if (change.startedAt !== undefined) set.startedAt = change.startedAt;
    if (change.finishedAt !== undefined) set.finishedAt = change.finishedAt;
    await this.backups.updateOne({ _id: new ObjectId(id) }, { $set: set });
  }
}
