import type { Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { JobBackedRecordStore } from './jobBackedRecordStore.ts';
import { toRestoreView, RestoreStatus, type IdMapping, type RestoreCounts, type RestoreDocument, type RestoreMode, type RestorePlan, type RestoreView } from './restoreDocument.ts';

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

/** The `restores` collection: one document per restore, written by its job (one writer, fenced by its lock). Tenant-scoped. */
export class RestoreStore extends JobBackedRecordStore<RestoreDocument, RestoreView> {
  /** The `restores` collection and the index of a tenant's list. */
  static readonly collection: CollectionSpec = {
    name: 'restores',
    holds: 'a restore: request, plan, counts per object, status',
    indexes: [{ name: 'tenant_created', key: { tenantId: 1, createdAt: -1 } }],
  };

  constructor(db: Db) {
    super(db, { collection: RestoreStore.collection.name, toView: toRestoreView });
  }

  /** Records a new, queued restore. */
  create(request: RestoreRequest): Promise<RestoreView> {
    return this.insert({
      ...request,
      jobId: null,
      status: RestoreStatus.Queued,
      plan: null,
      counts: {},
      error: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    });
  }

  /** The tenant's restores, newest first (at most `limit`). */
  list(tenantId: string, limit = 100): Promise<RestoreView[]> {
    return this.listWhere(tenantId, {}, limit);
  }

  /** Stores what the job knows now (whole fields: FerretDB-safe, one writer). */
  update(
    tenantId: string,
    id: string,
    change: { status?: RestoreStatus; plan?: RestorePlan; counts?: Record<string, RestoreCounts>; error?: { code: string; message: string } | null; startedAt?: Date; finishedAt?: Date | null },
  ): Promise<void> {
    return this.set(tenantId, id, change);
  }
}
