import {
  SalesforceRequestRejectedError,
  SalesforceUnavailableError,
  SessionExpiredError,
  type ApiBudget,
  type BulkIngestOptions,
  type BulkIngestResult,
  type BulkQueryJobInfo,
  type BulkResultPage,
  type OrgIdentity,
  type QueryPage,
  type RecordError,
  type RecordSaveResult,
  type SalesforceClient,
  type SObjectDescribe,
  type SObjectSummary,
} from '../../src/salesforce/index.ts';
import { matchesCondition, parseFakeSoql, type FakeQuery } from './fakeSoql.ts';

/** A field of a fake object, as its describe lists it. */
export interface FakeField {
  name: string;
  type: string;
  /** Default: true, except for `id` fields and the system fields. */
  createable?: boolean;
  updateable?: boolean;
  /** A create without it fails with `REQUIRED_FIELD_MISSING`; default false. */
  required?: boolean;
  referenceTo?: string[];
  relationshipName?: string | null;
}

/** An object of the fake org. */
export interface FakeObject {
  name: string;
  /** First three characters of its Ids. */
  keyPrefix: string;
  fields: FakeField[];
  /** Default true. */
  queryable?: boolean;
  replicateable?: boolean;
  createable?: boolean;
  updateable?: boolean;
}

/** Options of {@link FakeSalesforceClient}. */
export interface FakeSalesforceClientOptions {
  /** The org's objects; default {@link fakeCatalog}. */
  objects?: readonly FakeObject[];
  /** Records of a REST query page; default 2,000 (Salesforce's). */
  queryPageSize?: number;
  /** An expired session renews itself on the next call (an OAuth flow); default true. `false`: `SessionExpiredError`. */
  renewable?: boolean;
  /** Daily API requests; default 100,000. */
  dailyApiRequests?: number;
  /** Org Id; default `00D000000000001AAA`. */
  organizationId?: string;
}

/** A failure the next calls of `method` (any method: `'*'`) throw, `times` times. */
interface FakeFault {
  method: keyof SalesforceClient | '*';
  error: () => Error;
  remaining: number;
}

type Row = Record<string, unknown>;

const SYSTEM_FIELDS: FakeField[] = [
  { name: 'Id', type: 'id', createable: false, updateable: false },
  { name: 'IsDeleted', type: 'boolean', createable: false, updateable: false },
  { name: 'CreatedDate', type: 'datetime', createable: false, updateable: false },
  { name: 'SystemModstamp', type: 'datetime', createable: false, updateable: false },
];
const owner: FakeField = { name: 'OwnerId', type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' };

/** The fake's default objects: a small Account, Contact, User, RecordType, and a non-queryable AggregateResult. */
export function fakeCatalog(): FakeObject[] {
  return [
    {
      name: 'Account',
      keyPrefix: '001',
      fields: [
        ...SYSTEM_FIELDS,
        owner,
        { name: 'Name', type: 'string', required: true },
        { name: 'RecordTypeId', type: 'reference', referenceTo: ['RecordType'], relationshipName: 'RecordType' },
        { name: 'ParentId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Parent' },
        { name: 'NumberOfEmployees', type: 'int' },
        { name: 'AnnualRevenue', type: 'currency' },
        { name: 'Description', type: 'textarea' },
      ],
    },
    {
      name: 'Contact',
      keyPrefix: '003',
      fields: [
        ...SYSTEM_FIELDS,
        owner,
        { name: 'LastName', type: 'string', required: true },
        { name: 'FirstName', type: 'string' },
        { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
        { name: 'ReportsToId', type: 'reference', referenceTo: ['Contact'], relationshipName: 'ReportsTo' },
        { name: 'Email', type: 'email' },
      ],
    },
    {
      name: 'User',
      keyPrefix: '005',
      createable: false,
      updateable: false,
      fields: [...SYSTEM_FIELDS, { name: 'Name', type: 'string', createable: false, updateable: false }, { name: 'Username', type: 'string', createable: false, updateable: false }, { name: 'IsActive', type: 'boolean', createable: false, updateable: false }],
    },
    {
      name: 'RecordType',
      keyPrefix: '012',
      replicateable: false,
      createable: false,
      updateable: false,
      fields: [
        ...SYSTEM_FIELDS,
        { name: 'Name', type: 'string', createable: false, updateable: false },
        { name: 'DeveloperName', type: 'string', createable: false, updateable: false },
        { name: 'SobjectType', type: 'picklist', createable: false, updateable: false },
        { name: 'IsActive', type: 'boolean', createable: false, updateable: false },
      ],
    },
    { name: 'AggregateResult', keyPrefix: '000', queryable: false, replicateable: false, createable: false, updateable: false, fields: [{ name: 'Id', type: 'id', createable: false, updateable: false }] },
  ];
}

/** A datetime as Salesforce's REST API writes it: `2025-01-01T00:00:00.000+0000`. */
const salesforceDateTime = (date: Date): string => date.toISOString().replace('Z', '+0000');

/**
 * A hand-written, in-memory {@link SalesforceClient}: an org of a few objects ({@link fakeCatalog}, or
 * the caller's), records created through it or seeded with {@link FakeSalesforceClient.insert}, REST
 * query paging by locator, Bulk 2.0 query jobs with CSV pages, sObject Collections and Bulk ingest with
 * per-record errors, the daily API allowance (`REQUEST_LIMIT_EXCEEDED` when spent), expiring sessions,
 * and injected failures ({@link FakeSalesforceClient.failNext}). It passes the same contract suite as the
 * jsforce adapter (`test/salesforce/salesforceClient.contract.ts`). Its SOQL is the subset longhaul sends.
 */
export class FakeSalesforceClient implements SalesforceClient {
  /** Every call made, by method name, in order (the faults and refusals included). */
  readonly calls: (keyof SalesforceClient)[] = [];
  private readonly objects = new Map<string, FakeObject>();
  private readonly data = new Map<string, Row[]>();
  private readonly cursors = new Map<string, { rows: Row[]; total: number }>();
  private readonly bulkJobs = new Map<string, { rows: Row[]; fields: string[]; polled: boolean }>();
  private readonly faults: FakeFault[] = [];
  private readonly pageSize: number;
  private readonly renewable: boolean;
  private readonly organizationId: string;
  private readonly userId: string;
  private nextId = 1;
  private expired = false;
  private usage: { max: number; used: number };
  private reported: ApiBudget | null = null;

  constructor(options: FakeSalesforceClientOptions = {}) {
    for (const object of options.objects ?? fakeCatalog()) {
      this.objects.set(object.name, object);
      this.data.set(object.name, []);
    }
    this.pageSize = options.queryPageSize ?? 2000;
    this.renewable = options.renewable ?? true;
    this.organizationId = options.organizationId ?? '00D000000000001AAA';
    this.usage = { max: options.dailyApiRequests ?? 100_000, used: 0 };
    this.userId = this.objects.has('User') ? this.insert('User', [{ Name: 'Fake Admin', Username: 'admin@fake.test', IsActive: true }])[0]! : '005000000000000AAA';
  }

  // ---- controls of the fake (not part of SalesforceClient) ----

  /** Adds records to `object` as they are, without an API call (no checks but the object's existence); returns their Ids. */
  insert(object: string, records: readonly Row[]): string[] {
    const definition = this.objectOf(object);
    const now = salesforceDateTime(new Date());
    return records.map((values) => {
      const id = typeof values.Id === 'string' ? values.Id : this.newId(definition);
      const row: Row = { IsDeleted: false, CreatedDate: now, SystemModstamp: now, ...values, Id: id };
      this.data.get(object)!.push(row);
      return id;
    });
  }

  /** The records of `object` (live objects: changes show), deleted ones included. */
  records(object: string): Row[] {
    return this.data.get(object) ?? [];
  }

  /** Ends the session: the next call renews it (`renewable`), or fails with `SessionExpiredError`. */
  expireSession(): void {
    this.expired = true;
  }

  /** Sets the org's daily allowance and today's usage. */
  setApiUsage(max: number, used: number): void {
    this.usage = { max, used };
  }

  /** The next `times` calls of `method` (`'*'`: any) fail with what `error` makes, before any other check. */
  failNext(method: keyof SalesforceClient | '*', error: () => Error, times = 1): void {
    this.faults.push({ method, error, remaining: times });
  }

  // ---- SalesforceClient ----

  async identity(): Promise<OrgIdentity> {
    this.enter('identity', false);
    return { organizationId: this.organizationId, userId: this.userId, username: 'admin@fake.test' };
  }

  async limits(): Promise<ApiBudget> {
    this.enter('limits', false);
    this.reported = { max: this.usage.max, remaining: Math.max(0, this.usage.max - this.usage.used) };
    return { ...this.reported };
  }

  async describeGlobal(): Promise<SObjectSummary[]> {
    this.enter('describeGlobal');
    return [...this.objects.values()].map((o) => ({ name: o.name, queryable: o.queryable !== false, replicateable: o.replicateable !== false }));
  }

  async describe(objectName: string): Promise<SObjectDescribe> {
    this.enter('describe');
    const object = this.objects.get(objectName);
    if (object === undefined) throw new SalesforceRequestRejectedError(`describe ${objectName}: NOT_FOUND`, 'NOT_FOUND');
    const fields = object.fields.map((f) => ({
      name: f.name,
      type: f.type,
      createable: f.createable ?? true,
      updateable: f.updateable ?? true,
      nillable: f.required !== true,
      referenceTo: f.referenceTo ?? [],
      relationshipName: f.relationshipName ?? null,
    }));
    const raw = { name: object.name, keyPrefix: object.keyPrefix, queryable: object.queryable !== false, createable: object.createable !== false, updateable: object.updateable !== false, fields };
    return { name: object.name, fields: fields.map((f) => ({ name: f.name, type: f.type })), raw };
  }

  async query(soql: string, options: { all?: boolean } = {}): Promise<QueryPage> {
    this.enter('query');
    const query = this.parse(soql);
    const rows = this.select(query, options.all === true);
    if (query.fields === null) return { records: [], totalSize: rows.length, done: true, nextRecordsUrl: null };
    const records = rows.map((r) => this.restRecord(query.object, query.fields!, r));
    const cursor = `01gFAKE${this.nextId++}`;
    this.cursors.set(cursor, { rows: records, total: records.length });
    return this.page(cursor, 0);
  }

  async queryMore(nextRecordsUrl: string): Promise<QueryPage> {
    this.enter('queryMore');
    const m = /\/query\/(\w+)-(\d+)$/.exec(nextRecordsUrl);
    if (m === null || !this.cursors.has(m[1]!)) throw new SalesforceRequestRejectedError(`queryMore: INVALID_QUERY_LOCATOR`, 'INVALID_QUERY_LOCATOR');
    return this.page(m[1]!, Number(m[2]));
  }

  async count(objectName: string): Promise<number> {
    this.enter('count');
    return this.select(this.parse(`SELECT COUNT() FROM ${objectName}`), false).length;
  }

  async bulkQueryCreate(soql: string, options: { all?: boolean } = {}): Promise<BulkQueryJobInfo> {
    this.enter('bulkQueryCreate');
    // Salesforce refuses a job whose query it cannot run as INVALIDJOB, whatever the query's fault.
    const query = (() => {
      try {
        return this.parse(soql);
      } catch (error) {
        throw new SalesforceRequestRejectedError(`bulk query: INVALIDJOB (${(error as Error).message})`, 'INVALIDJOB');
      }
    })();
    if (query.fields === null) throw new SalesforceRequestRejectedError('bulk query: INVALIDJOB (COUNT() is not supported)', 'INVALIDJOB');
    const id = `750FAKE${String(this.nextId++).padStart(11, '0')}`;
    this.bulkJobs.set(id, { rows: this.select(query, options.all === true), fields: query.fields, polled: false });
    return { id, state: 'UploadComplete', numberRecordsProcessed: 0, errorMessage: null };
  }

  async bulkQueryInfo(jobId: string): Promise<BulkQueryJobInfo> {
    this.enter('bulkQueryInfo');
    const job = this.bulkJob(jobId);
    // The first look finds the job still queued, as Salesforce usually does.
    if (!job.polled) {
      job.polled = true;
      return { id: jobId, state: 'InProgress', numberRecordsProcessed: 0, errorMessage: null };
    }
    return { id: jobId, state: 'JobComplete', numberRecordsProcessed: job.rows.length, errorMessage: null };
  }

  async bulkQueryResults(jobId: string, locator: string | null, maxRecords: number): Promise<BulkResultPage> {
    this.enter('bulkQueryResults');
    const job = this.bulkJob(jobId);
    const start = locator === null ? 0 : Number(locator);
    if (!Number.isInteger(start) || start < 0 || start > job.rows.length) throw new SalesforceRequestRejectedError(`invalid locator ${locator}`, 'INVALID_QUERY_LOCATOR');
    const rows = job.rows.slice(start, start + maxRecords);
    const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const line = (values: unknown[]) => values.map((v) => (v === null || v === undefined ? '' : quote(typeof v === 'string' ? v.replace(/\.(\d{3})\+0000$/, '.$1Z') : String(v)))).join(',');
    const csv = [line(job.fields), ...rows.map((r) => line(job.fields.map((f) => r[f])))].map((l) => `${l}\n`).join('');
    const end = start + rows.length;
    return { csv, records: rows.length, nextLocator: end < job.rows.length ? String(end) : null };
  }

  apiUsage(): ApiBudget | null {
    return this.reported === null ? null : { ...this.reported };
  }

  async createRecords(objectName: string, records: readonly Row[]): Promise<RecordSaveResult[]> {
    this.enter('createRecords');
    return records.map((r) => this.create(objectName, r));
  }

  async updateRecords(objectName: string, records: readonly Row[]): Promise<RecordSaveResult[]> {
    this.enter('updateRecords');
    return records.map((r) => this.update(objectName, r));
  }

  async bulkIngest(objectName: string, operation: 'insert' | 'update', records: readonly Row[], options: BulkIngestOptions = {}): Promise<BulkIngestResult> {
    this.enter('bulkIngest');
    const jobId = `750FAKE${String(this.nextId++).padStart(11, '0')}`;
    await options.onJobOpened?.(jobId);
    const result: BulkIngestResult = { jobId, successful: [], failed: [], unprocessed: [] };
    for (const record of records) {
      const saved = operation === 'insert' ? this.create(objectName, record) : this.update(objectName, record);
      const row = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
      if (saved.success) result.successful.push({ sf__Id: saved.id!, sf__Created: String(operation === 'insert'), ...row });
      else result.failed.push({ sf__Id: '', sf__Error: saved.errors.map((e) => `${e.code}:${e.message}:${e.fields.join(',')}`).join(';'), ...row });
    }
    return result;
  }

  async settleBulkIngest(): Promise<void> {
    // Ingest jobs of the fake end within bulkIngest: nothing is ever left open.
    this.enter('settleBulkIngest');
  }

  // ---- the org ----

  /** What every API call passes: injected faults, the session, then the daily allowance (`counted` calls only). */
  private enter(method: keyof SalesforceClient, counted = true): void {
    this.calls.push(method);
    const fault = this.faults.find((f) => f.remaining > 0 && (f.method === '*' || f.method === method));
    if (fault !== undefined) {
      fault.remaining -= 1;
      throw fault.error();
    }
    if (this.expired) {
      if (!this.renewable) throw new SessionExpiredError(`${method}: INVALID_SESSION_ID (Session expired or invalid)`, 'INVALID_SESSION_ID');
      this.expired = false;
    }
    if (!counted) return;
    if (this.usage.used >= this.usage.max) throw new SalesforceUnavailableError(`${method}: REQUEST_LIMIT_EXCEEDED (TotalRequests Limit exceeded.)`, 'REQUEST_LIMIT_EXCEEDED');
    this.usage.used += 1;
    this.reported = { max: this.usage.max, remaining: this.usage.max - this.usage.used };
  }

  private objectOf(name: string): FakeObject {
    const object = this.objects.get(name);
    if (object === undefined) throw new SalesforceRequestRejectedError(`sObject type '${name}' is not supported`, 'INVALID_TYPE');
    return object;
  }

  private newId(object: FakeObject): string {
    return `${object.keyPrefix}${String(this.nextId++).padStart(12, '0')}AAA`;
  }

  private parse(soql: string): FakeQuery {
    const query = parseFakeSoql(soql);
    const object = this.objectOf(query.object);
    if (object.queryable === false) throw new SalesforceRequestRejectedError(`sObject type '${object.name}' is not supported`, 'INVALID_TYPE');
    const known = new Set(object.fields.map((f) => f.name));
    for (const field of [...(query.fields ?? []), ...query.where.map((c) => c.field)]) {
      if (!known.has(field)) throw new SalesforceRequestRejectedError(`No such column '${field}' on entity '${object.name}'`, 'INVALID_FIELD');
    }
    return query;
  }

  private select(query: FakeQuery, all: boolean): Row[] {
    const rows = this.records(query.object)
      .filter((r) => all || r.IsDeleted !== true)
      .filter((r) => query.where.every((c) => matchesCondition(r[c.field], c)))
      .sort((a, b) => (String(a.Id) < String(b.Id) ? -1 : 1));
    return query.limit === null ? rows : rows.slice(0, query.limit);
  }

  private restRecord(object: string, fields: readonly string[], row: Row): Row {
    const record: Row = { attributes: { type: object, url: `/services/data/v59.0/sobjects/${object}/${String(row.Id)}` } };
    for (const f of fields) record[f] = row[f] ?? null;
    return record;
  }

  private page(cursor: string, from: number): QueryPage {
    const { rows, total } = this.cursors.get(cursor)!;
    const records = rows.slice(from, from + this.pageSize);
    const next = from + records.length;
    const done = next >= total;
    return { records, totalSize: total, done, nextRecordsUrl: done ? null : `/services/data/v59.0/query/${cursor}-${next}` };
  }

  private bulkJob(jobId: string): { rows: Row[]; fields: string[]; polled: boolean } {
    const job = this.bulkJobs.get(jobId);
    if (job === undefined) throw new SalesforceRequestRejectedError(`bulk job ${jobId}: NOT_FOUND`, 'NOT_FOUND');
    return job;
  }

  private create(objectName: string, values: Row): RecordSaveResult {
    const object = this.objects.get(objectName);
    if (object === undefined || object.createable === false) return failed(null, 'INVALID_TYPE', `entity type ${objectName} does not support create`);
    const invalid = this.invalidFields(object, values, 'createable');
    if (invalid !== null) return invalid;
    const row: Row = { ...values };
    if (object.fields.some((f) => f.name === 'OwnerId') && (row.OwnerId === undefined || row.OwnerId === null)) row.OwnerId = this.userId;
    const missing = object.fields.filter((f) => f.required === true && (row[f.name] === undefined || row[f.name] === null || row[f.name] === '')).map((f) => f.name);
    if (missing.length > 0) return failed(null, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    const [id] = this.insert(objectName, [{ ...row, Id: this.newId(object) }]);
    return { success: true, id: id!, errors: [] };
  }

  private update(objectName: string, values: Row): RecordSaveResult {
    const id = values.Id;
    // A failed update names the Id it was given.
    if (typeof id !== 'string' || !/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(id)) return failed(id === undefined || id === null ? null : String(id), 'MALFORMED_ID', `malformed id ${String(id)}`);
    const row = this.records(objectName).find((r) => String(r.Id).slice(0, 15) === id.slice(0, 15));
    if (row === undefined) return failed(id, 'NOT_FOUND', 'The requested resource does not exist');
    const fullId = String(row.Id);
    if (row.IsDeleted === true) return failed(fullId, 'ENTITY_IS_DELETED', 'entity is deleted');
    const object = this.objects.get(objectName)!;
    const { Id: _id, ...changes } = values;
    const invalid = this.invalidFields(object, changes, 'updateable', fullId);
    if (invalid !== null) return invalid;
    const cleared = object.fields.filter((f) => f.required === true && f.name in changes && (changes[f.name] === null || changes[f.name] === '')).map((f) => f.name);
    if (cleared.length > 0) return failed(fullId, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, cleared);
    Object.assign(row, changes, { SystemModstamp: salesforceDateTime(new Date()) });
    return { success: true, id: fullId, errors: [] };
  }

  private invalidFields(object: FakeObject, values: Row, access: 'createable' | 'updateable', id: string | null = null): RecordSaveResult | null {
    for (const name of Object.keys(values)) {
      const field = object.fields.find((f) => f.name === name);
      if (field === undefined) return failed(id, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, [name]);
      if (field[access] === false) return failed(id, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${name}`, [name]);
    }
    return null;
  }
}

function failed(id: string | null, code: string, message: string, fields: string[] = []): RecordSaveResult {
  const error: RecordError = { code, message, fields };
  return { success: false, id, errors: [error] };
}
