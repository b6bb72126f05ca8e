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

/** One error Salesforce reported for one record. */
export interface RecordError {
  /** Salesforce's `statusCode`, e.g. `DUPLICATE_VALUE`. */
  code: string;
  message: string;
  fields: string[];
}

/** Salesforce's answer for one record of a write, in request order. */
export interface RecordSaveResult {
  success: boolean;
  /** The record's Id (the new one after a create); `null` when a create failed. */
  id: string | null;
  errors: RecordError[];
}

/** Rows of a finished Bulk API 2.0 ingest job, as uploaded plus Salesforce's columns (`sf__Id`, `sf__Error`). */
export interface BulkIngestResult {
  jobId: string;
  successful: Record<string, string>[];
  failed: Record<string, string>[];
  unprocessed: Record<string, string>[];
}

/** Options of {@link SalesforceClient.bulkIngest}. */
export interface BulkIngestOptions {
  /** Called with the job's Id once it is open, before any data is uploaded (to remember it across a crash). */
  onJobOpened?: (jobId: string) => Promise<void>;
  /** Polling interval while the job runs; default 1000 ms. */
  pollIntervalMs?: number;
  /** Longest wait for the job to finish; default 30 minutes. */
  timeoutMs?: number;
}

/** State of a Bulk API 2.0 query job. */
export type BulkQueryJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** A Bulk API 2.0 query job as Salesforce reports it. */
export interface BulkQueryJobInfo {
  id: string;
  state: BulkQueryJobState;
  /** Records processed so far (the result's size once `JobComplete`). */
  numberRecordsProcessed: number;
  /** Why a job `Failed`, when Salesforce says. */
  errorMessage: string | null;
}

/** One page of a Bulk API 2.0 query's results: CSV text with a header line. */
export interface BulkResultPage {
  csv: string;
  /** `Sforce-NumberOfRecords`. */
  records: number;
  /** `Sforce-Locator` of the next page; `null` after the last one. */
  nextLocator: string | null;
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
  /** Creates a Bulk API 2.0 query job (`queryAll` with `all`: deleted records too). */
  bulkQueryCreate(soql: string, options?: { all?: boolean }): Promise<BulkQueryJobInfo>;
  /** Reads a Bulk API 2.0 query job's state. */
  bulkQueryInfo(jobId: string): Promise<BulkQueryJobInfo>;
  /** One page (at most `maxRecords` records) of a completed query job's results, from `locator` (`null`: the first page). */
  bulkQueryResults(jobId: string, locator: string | null, maxRecords: number): Promise<BulkResultPage>;
  /** The API usage the org reported with its last answer (`Sforce-Limit-Info`), costing no call; `null` before any. */
  apiUsage(): ApiBudget | null;
  /** sObject Collections create (at most 200 records, not all-or-none): one result per record, in order. */
  createRecords(objectName: string, records: readonly Record<string, unknown>[]): Promise<RecordSaveResult[]>;
  /** sObject Collections update (at most 200 records, each with its `Id`, not all-or-none): one result per record, in order. */
  updateRecords(objectName: string, records: readonly Record<string, unknown>[]): Promise<RecordSaveResult[]>;
  /** A Bulk API 2.0 ingest job (`insert` or `update`) of `records`, run to its end. */
  bulkIngest(objectName: string, operation: 'insert' | 'update', records: readonly Record<string, unknown>[], options?: BulkIngestOptions): Promise<BulkIngestResult>;
  /** Brings an ingest job a crashed run left behind to an end: aborts it while still open, else waits until it is processed. */
  settleBulkIngest(jobId: string, options?: Pick<BulkIngestOptions, 'pollIntervalMs' | 'timeoutMs'>): Promise<void>;
}
