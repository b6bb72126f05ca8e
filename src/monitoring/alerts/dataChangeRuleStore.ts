import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../../db/collectionSpec.ts';
import type { DataChangeRuleSetting } from './dataChangeRuleSetting.ts';

/** An org's data-change alert rules as stored. */
interface DataChangeRulesDocument {
  /** `<tenantId>/<orgId>`. */
  _id: string;
  tenantId: string;
  orgId: string;
  rules: DataChangeRuleSetting[];
  updatedAt: Date;
}

/**
 * The `dataChangeRules` collection: the data-change alert rules each org was given (`setDataChangeAlertRules`),
 * one document per org read by `_id`. An org without one has the defaults. Tenant-scoped.
 */
export class DataChangeRuleStore {
  /** The `dataChangeRules` collection: read and written by `_id` only. */
  static readonly collection: CollectionSpec = { name: 'dataChangeRules', holds: "an org's data-change alert rules, `_id` `<tenantId>/<orgId>`", indexes: [] };

  private readonly docs: Collection<DataChangeRulesDocument>;

  constructor(db: Db) {
    this.docs = db.collection<DataChangeRulesDocument>(DataChangeRuleStore.collection.name);
  }

  /** The org's rules, or `null` when it never set any. */
  async get(tenantId: string, orgId: string): Promise<DataChangeRuleSetting[] | null> {
    const doc = await this.docs.findOne({ _id: `${tenantId}/${orgId}` });
    return doc?.rules ?? null;
  }

  /** Replaces the org's rules. */
  async set(tenantId: string, orgId: string, rules: readonly DataChangeRuleSetting[]): Promise<void> {
    const _id = `${tenantId}/${orgId}`;
    await this.docs.replaceOne({ _id }, { tenantId, orgId, rules: [...rules], updatedAt: new Date() }, { upsert: true });
  }
}
