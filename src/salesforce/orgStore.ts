import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { recordKey, type RecordKey } from '../db/recordId.ts';
import { InvalidOrgIdError } from './errors/index.ts';
import type { OrgDocument, OrgConnectionStatus, StoredApiBudget } from './orgDocument.ts';

/** Parses an org id (a random record id, or the ObjectId of an org registered before random ids); throws {@link InvalidOrgIdError}. */
export function parseOrgId(id: string): RecordKey {
  const key = recordKey(id);
  if (key === null) throw new InvalidOrgIdError(`"${id.slice(0, 40)}" is not an org id`);
  return key;
}

/** The `orgs` collection. Every read and write is scoped to a tenant: another tenant's org is not found. */
export class OrgStore {
  /** The `orgs` collection and the index of a tenant's list. */
  static readonly collection: CollectionSpec = {
    name: 'orgs',
    holds: "a tenant's Salesforce org, credentials sealed",
    indexes: [{ name: 'tenant_created', key: { tenantId: 1, createdAt: 1 } }],
  };

  private readonly orgs: Collection<OrgDocument>;

  constructor(db: Db) {
    this.orgs = db.collection<OrgDocument>(OrgStore.collection.name);
  }

  async insert(doc: OrgDocument): Promise<void> {
    await this.orgs.insertOne(doc);
  }

  get(tenantId: string, id: RecordKey): Promise<OrgDocument | null> {
    return this.orgs.findOne({ _id: id, tenantId });
  }

  list(tenantId: string): Promise<OrgDocument[]> {
    return this.orgs.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).limit(1000).toArray();
  }

  /** Records the outcome of a check (and the API budget when it was read). */
  async recordCheck(tenantId: string, id: RecordKey, status: OrgConnectionStatus, detail: string | null, budget: StoredApiBudget | null): Promise<void> {
    const set: Partial<OrgDocument> = { status, statusDetail: detail, checkedAt: new Date() };
    if (budget !== null) set.apiBudget = budget;
    await this.orgs.updateOne({ _id: id, tenantId }, { $set: set });
  }
}
