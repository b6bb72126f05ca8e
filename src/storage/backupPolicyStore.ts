import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { toBackupPolicyView, type BackupPolicyDocument, type BackupPolicyView } from './backupPolicyDocument.ts';

/** Most policies {@link BackupPolicyStore.listEnabledAnyTenant} reads. */
const MAX_LISTED = 10_000;

/** The `backupPolicies` collection: one policy per org, `_id` the org id. Tenant-scoped but for the operator paths named `…AnyTenant`. */
export class BackupPolicyStore {
  static readonly collection: CollectionSpec = { name: 'backupPolicies', holds: 'the backup policy of an org (schedule, full cadence, retention), `_id` the org id', indexes: [] };

  private readonly policies: Collection<BackupPolicyDocument>;

  constructor(db: Db) {
    this.policies = db.collection<BackupPolicyDocument>(BackupPolicyStore.collection.name);
  }

  /** The tenant's policy of `orgId`, or `null`. */
  async get(tenantId: string, orgId: string): Promise<BackupPolicyView | null> {
    const doc = await this.policies.findOne({ _id: orgId, tenantId });
    return doc === null ? null : toBackupPolicyView(doc);
  }

  /** Stores (creates or replaces) the tenant's policy of `orgId`; keeps its `createdAt`. */
  async put(tenantId: string, orgId: string, fields: Omit<BackupPolicyDocument, '_id' | 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<BackupPolicyView> {
    const now = new Date();
    const previous = await this.policies.findOne({ _id: orgId, tenantId });
    const doc: BackupPolicyDocument = { _id: orgId, tenantId, ...fields, createdAt: previous?.createdAt ?? now, updatedAt: now };
    await this.policies.replaceOne({ _id: orgId, tenantId }, doc, { upsert: true });
    return toBackupPolicyView(doc);
  }

  /** Removes the tenant's policy of `orgId`; returns whether there was one. */
  async remove(tenantId: string, orgId: string): Promise<boolean> {
    return (await this.policies.deleteOne({ _id: orgId, tenantId })).deletedCount === 1;
  }

  /** Every enabled policy of every tenant (the missed-backup rule): a small collection, read whole. */
  async listEnabledAnyTenant(): Promise<BackupPolicyView[]> {
    return (await this.policies.find({ enabled: true }).limit(MAX_LISTED).toArray()).map(toBackupPolicyView);
  }
}
