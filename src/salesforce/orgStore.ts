import { ObjectId, type Collection, type Db } from 'mongodb';
import { Collections } from '../db/collections.ts';
import { InvalidOrgIdError } from './errors/index.ts';
import type { OrgDocument, OrgConnectionStatus, StoredApiBudget } from './orgDocument.ts';

/** Parses an org id; throws {@link InvalidOrgIdError}. */
export function parseOrgId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new InvalidOrgIdError(`"${id}" is not an org id`);
  return new ObjectId(id);
}

/** The `orgs` collection. Every read but {@link OrgStore.getForWorker} is scoped to a tenant. */
export class OrgStore {
  private readonly orgs: Collection<OrgDocument>;

  constructor(db: Db) {
    this.orgs = db.collection<OrgDocument>(Collections.orgs);
  }

  /** Creates the indexes the store's queries use. Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.orgs.createIndex({ tenantId: 1, createdAt: 1 }, { name: 'tenant_created' });
  }

  async insert(doc: OrgDocument): Promise<void> {
    await this.orgs.insertOne(doc);
  }

  get(tenantId: string, id: ObjectId): Promise<OrgDocument | null> {
    return this.orgs.findOne({ _id: id, tenantId });
  }

  /** An org whatever its tenant: for workers running a job whose tenant was checked when it was created. */
  getForWorker(id: ObjectId): Promise<OrgDocument | null> {
    return this.orgs.findOne({ _id: id });
  }

  list(tenantId: string): Promise<OrgDocument[]> {
    return this.orgs.find({ tenantId }).sort({ createdAt: 1, _id: 1 }).limit(1000).toArray();
  }

  /** Records the outcome of a check (and the API budget when it was read). */
  async recordCheck(id: ObjectId, status: OrgConnectionStatus, detail: string | null, budget: StoredApiBudget | null): Promise<void> {
    const set: Partial<OrgDocument> = { status, statusDetail: detail, checkedAt: new Date() };
    if (budget !== null) set.apiBudget = budget;
    await this.orgs.updateOne({ _id: id }, { $set: set });
  }
}
