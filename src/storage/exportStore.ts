import type { Db } from 'mongodb';
import { ExportStatus, toExportView, type ExportDocument, type ExportFilterCondition, type ExportView } from './exportDocument.ts';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { JobBackedRecordStore } from './jobBackedRecordStore.ts';

/** What a client asks for when it starts an export. */
export interface ExportRequest {
  tenantId: string;
  backupId: string;
  orgId: string;
  object: string;
  fields: string[] | null;
  filter: ExportFilterCondition[];
}

/** The `exports` collection: one document per export, written by its job. Tenant-scoped but for the sweeper's {@link ExportStore.listExpiredAnyTenant}. */
export class ExportStore extends JobBackedRecordStore<ExportDocument, ExportView> {
  /** The `exports` collection, the index of a tenant's list and the sweeper's. */
  static readonly collection: CollectionSpec = {
    name: 'exports',
    holds: 'an export: request, status, size, checksum, expiry',
    indexes: [
      { name: 'tenant_created', key: { tenantId: 1, createdAt: -1 } },
      { name: 'expires', key: { expiresAt: 1 } },
    ],
  };

  constructor(db: Db) {
    super(db, { collection: ExportStore.collection.name, toView: toExportView });
  }

  /** Records a new, queued export. */
  create(request: ExportRequest): Promise<ExportView> {
    return this.insert({
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
    });
  }

  /** The tenant's exports, newest first (at most `limit`). */
  list(tenantId: string, limit = 100): Promise<ExportView[]> {
    return this.listWhere(tenantId, {}, limit);
  }

  /** Stores what the job knows now. */
  update(tenantId: string, id: string, change: Partial<Pick<ExportDocument, 'status' | 'rows' | 'bytes' | 'sha256' | 'error' | 'finishedAt' | 'expiresAt'>>): Promise<void> {
    return this.set(tenantId, id, change);
  }

  /** Finished exports of every tenant whose time is up (at most `limit`): for the sweeper only. */
  async listExpiredAnyTenant(now: Date, limit = 100): Promise<ExportView[]> {
    const docs = await this.records.find({ status: ExportStatus.Succeeded, expiresAt: { $lte: now } }).limit(limit).toArray();
    return docs.map((d) => toExportView(d as ExportDocument));
  }
}
