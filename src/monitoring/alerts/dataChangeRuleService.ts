import { DEFAULT_DATA_CHANGE_RULES, resolveDataChangeRules, type DataChangeRuleRequest, type DataChangeRuleSetting } from './dataChangeRuleSetting.ts';
import type { DataChangeRuleStore } from './dataChangeRuleStore.ts';

/** Options of {@link DataChangeRuleService}. */
export interface DataChangeRuleServiceOptions {
  store: Pick<DataChangeRuleStore, 'get' | 'set'>;
  /** Throws (the org layer's `OrgNotFoundError`) unless the org is the tenant's. */
  orgs: { require(tenantId: string, orgId: string): Promise<unknown> };
}

/** An org's data-change alert rules as the API shows them. */
export interface DataChangeRules {
  orgId: string;
  /** True while the org never set rules: {@link DEFAULT_DATA_CHANGE_RULES} apply. */
  isDefault: boolean;
  rules: readonly DataChangeRuleSetting[];
}

/** Reads and sets the data-change alert rules of a tenant's orgs. */
export class DataChangeRuleService {
  constructor(private readonly options: DataChangeRuleServiceOptions) {}

  /** The org's rules (the defaults when it never set any). Throws when the org is not the tenant's. */
  async get(tenantId: string, orgId: string): Promise<DataChangeRules> {
    await this.options.orgs.require(tenantId, orgId);
    const rules = await this.options.store.get(tenantId, orgId);
    return { orgId, isDefault: rules === null, rules: rules ?? DEFAULT_DATA_CHANGE_RULES };
  }

  /** Replaces the org's rules (an empty list turns its data-change alerts off). Throws `InvalidAlertRuleError` or when the org is not the tenant's; nothing is stored then. */
  async set(tenantId: string, orgId: string, requests: readonly DataChangeRuleRequest[]): Promise<DataChangeRules> {
    await this.options.orgs.require(tenantId, orgId);
    const rules = resolveDataChangeRules(requests);
    await this.options.store.set(tenantId, orgId, rules);
    return { orgId, isDefault: false, rules };
  }
}
