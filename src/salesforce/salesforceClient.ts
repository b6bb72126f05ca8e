/** Who a session belongs to, from the identity URL. */
export interface OrgIdentity {
  organizationId: string;
  userId: string;
  username: string;
}

/** The org's daily API allowance, from the `limits` resource. */
export interface ApiBudget {
  max: number;
  remaining: number;
}

/** An object as `describeGlobal` lists it. */
export interface SObjectSummary {
  name: string;
  queryable: boolean;
  replicateable: boolean;
}

/** A field as `describe` lists it (only what longhaul uses; the raw describe is kept too). */
export interface SObjectField {
  name: string;
  type: string;
}

/** An object's describe: its fields, and the full answer for storing with a backup. */
export interface SObjectDescribe {
  name: string;
  fields: SObjectField[];
  raw: unknown;
}

/** One page of a REST query. Records carry Salesforce's `attributes`. */
export interface QueryPage {
  records: Record<string, unknown>[];
  totalSize: number;
  done: boolean;
  /** Locator of the next page; `null` on the last one. */
  nextRecordsUrl: string | null;
}

/**
 * What longhaul asks of a Salesforce org. The jsforce adapter implements it; a fake can too.
 * Every method throws the salesforce layer's errors: `SalesforceUnavailableError` (retry),
 * `SalesforceRequestRejectedError` (permanent), `SessionExpiredError`.
 */
export interface SalesforceClient {
  identity(): Promise<OrgIdentity>;
  limits(): Promise<ApiBudget>;
  describeGlobal(): Promise<SObjectSummary[]>;
  describe(objectName: string): Promise<SObjectDescribe>;
  /** First page of a SOQL query (`queryAll` includes deleted and archived records). */
  query(soql: string, options?: { all?: boolean }): Promise<QueryPage>;
  /** The page after `nextRecordsUrl`. */
  queryMore(nextRecordsUrl: string): Promise<QueryPage>;
  /** `SELECT COUNT() FROM objectName`. */
  count(objectName: string): Promise<number>;
}
