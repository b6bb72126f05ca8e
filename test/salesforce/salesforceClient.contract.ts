import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { bulkCsvRecords, type OrgIdentity, type SalesforceClient } from '../../src/salesforce/index.ts';

/** Records of a REST query page the contract's org must use (the jsforce fixture starts its sandbox with it). */
export const CONTRACT_QUERY_PAGE_SIZE = 3;

/** An org of one implementation, opened for one contract case. */
export interface ContractOrg {
  client: SalesforceClient;
  /** Who the session belongs to, as the implementation's org knows it. */
  identity: OrgIdentity;
  /** Ends the current session (the access token dies); a renewable session renews itself on the next call. */
  expireSession(): void;
  /** Sets the org's daily API allowance (`max`) and today's usage (`used`). */
  setApiUsage(max: number, used: number): void;
}

/** Opens a fresh, empty org (its standard users and record types only; REST pages of {@link CONTRACT_QUERY_PAGE_SIZE}). */
export type ContractOrgFactory = (options: { renewable: boolean }) => Promise<ContractOrg>;

type Row = Record<string, unknown>;
const ID = /^001[A-Za-z0-9]{15}$/;
const withoutAttributes = ({ attributes: _a, ...fields }: Row): Row => fields;

/** Creates Accounts `Contract 1..n` (`NumberOfEmployees` = i) through sObject Collections; returns their Ids in order. */
async function createAccounts(client: SalesforceClient, n: number): Promise<string[]> {
  const results = await client.createRecords('Account', Array.from({ length: n }, (_, i) => ({ Name: `Contract ${i + 1}`, NumberOfEmployees: i + 1 })));
  expect(results.map((r) => r.success)).toEqual(Array.from({ length: n }, () => true));
  return results.map((r) => r.id!);
}

/**
 * The contract of the `SalesforceClient` port, run against every implementation: the jsforce adapter
 * on the sandbox and the in-memory fake unit tests use. `open` gives each case a fresh empty org.
 */
export function salesforceClientContract(name: string, open: ContractOrgFactory): void {
  describe(`SalesforceClient contract: ${name}`, () => {
    it('should say whose session it is', async () => {
      const org = await open({ renewable: true });
      expect(await org.client.identity()).toEqual(org.identity);
    });

    it('should list objects with their queryable and replicateable flags', async () => {
      const { client } = await open({ renewable: true });
      const global = await client.describeGlobal();
      expect(global).toContainEqual({ name: 'Account', queryable: true, replicateable: true });
      expect(global).toContainEqual({ name: 'Contact', queryable: true, replicateable: true });
      expect(global).toContainEqual({ name: 'User', queryable: true, replicateable: true });
      expect(global).toContainEqual({ name: 'AggregateResult', queryable: false, replicateable: false });
      expect(new Set(global.map((o) => o.name)).size).toBe(global.length);
    });

    it('should describe an object: field names and types, and the raw describe a restore reads', async () => {
      const { client } = await open({ renewable: true });
      const account = await client.describe('Account');
      expect(account.name).toBe('Account');
      expect(account.fields).toEqual(
        expect.arrayContaining([
          { name: 'Id', type: 'id' },
          { name: 'IsDeleted', type: 'boolean' },
          { name: 'OwnerId', type: 'reference' },
          { name: 'Name', type: 'string' },
          { name: 'RecordTypeId', type: 'reference' },
          { name: 'NumberOfEmployees', type: 'int' },
          { name: 'AnnualRevenue', type: 'currency' },
          { name: 'CreatedDate', type: 'datetime' },
          { name: 'SystemModstamp', type: 'datetime' },
        ]),
      );
      const raw = account.raw as { name: string; createable: boolean; updateable: boolean; fields: Row[] };
      expect(raw).toMatchObject({ name: 'Account', createable: true, updateable: true });
      expect(raw.fields.map((f) => f.name)).toEqual(account.fields.map((f) => f.name));
      const field = (fieldName: string) => raw.fields.find((f) => f.name === fieldName);
      expect(field('Id')).toMatchObject({ createable: false, updateable: false });
      expect(field('Name')).toMatchObject({ type: 'string', createable: true, updateable: true, nillable: false });
      expect(field('OwnerId')).toMatchObject({ createable: true, updateable: true, referenceTo: ['User'], relationshipName: 'Owner' });
      expect(field('RecordTypeId')).toMatchObject({ referenceTo: ['RecordType'], relationshipName: 'RecordType' });
    });

    it('should refuse to describe an unknown object for good', async () => {
      const { client } = await open({ renewable: true });
      await expect(client.describe('Nope__c')).rejects.toMatchObject({ name: 'SalesforceRequestRejectedError', code: 'SALESFORCE_REQUEST_REJECTED', sfErrorCode: 'NOT_FOUND' });
    });

    it('should create records and report each failure on its own record, in request order', async () => {
      const { client } = await open({ renewable: true });
      const results = await client.createRecords('Account', [{ Name: 'Kept 1' }, { NumberOfEmployees: 5 }, { Name: 'Kept 2', NumberOfEmployees: 7 }]);
      expect(results).toEqual([
        { success: true, id: expect.stringMatching(ID), errors: [] },
        { success: false, id: null, errors: [{ code: 'REQUIRED_FIELD_MISSING', message: expect.stringContaining('Name'), fields: ['Name'] }] },
        { success: true, id: expect.stringMatching(ID), errors: [] },
      ]);
      expect(results[0]!.id).not.toBe(results[2]!.id);
      expect(await client.count('Account')).toBe(2);
    });

    it('should update records by Id, clear a field with null, and fail only the records that cannot be written', async () => {
      const { client } = await open({ renewable: true });
      const [first, second] = await createAccounts(client, 2);
      const results = await client.updateRecords('Account', [
        { Id: first, NumberOfEmployees: 100, AnnualRevenue: 2500 },
        { Id: second, Name: null },
        { Id: 'not-an-id' },
      ]);
      expect(results).toEqual([
        { success: true, id: first, errors: [] },
        { success: false, id: second, errors: [{ code: 'REQUIRED_FIELD_MISSING', message: expect.stringContaining('Name'), fields: ['Name'] }] },
        { success: false, id: 'not-an-id', errors: [{ code: 'MALFORMED_ID', message: expect.any(String), fields: [] }] },
      ]);
      await client.updateRecords('Account', [{ Id: first, AnnualRevenue: null }]);
      const page = await client.query(`SELECT Id, Name, NumberOfEmployees, AnnualRevenue FROM Account ORDER BY Id`);
      expect(page.records.map(withoutAttributes)).toEqual([
        { Id: first, Name: 'Contract 1', NumberOfEmployees: 100, AnnualRevenue: null },
        { Id: second, Name: 'Contract 2', NumberOfEmployees: 2, AnnualRevenue: null },
      ]);
    });

    it('should page a REST query by locator, every page telling the total, the last one done', async () => {
      const { client } = await open({ renewable: true });
      const ids = await createAccounts(client, 7);
      const first = await client.query('SELECT Id, Name, NumberOfEmployees FROM Account ORDER BY Id');
      expect(first).toMatchObject({ totalSize: 7, done: false, nextRecordsUrl: expect.any(String) });
      expect(first.records).toHaveLength(CONTRACT_QUERY_PAGE_SIZE);
      expect(first.records[0]!.attributes).toMatchObject({ type: 'Account' });
      const second = await client.queryMore(first.nextRecordsUrl!);
      expect(second).toMatchObject({ totalSize: 7, done: false, nextRecordsUrl: expect.any(String) });
      expect(second.records).toHaveLength(CONTRACT_QUERY_PAGE_SIZE);
      const last = await client.queryMore(second.nextRecordsUrl!);
      expect(last).toMatchObject({ totalSize: 7, done: true, nextRecordsUrl: null });
      expect([...first.records, ...second.records, ...last.records].map(withoutAttributes)).toEqual(ids.map((Id, i) => ({ Id, Name: `Contract ${i + 1}`, NumberOfEmployees: i + 1 })));
      // A page read again by its locator is the same page.
      expect((await client.queryMore(first.nextRecordsUrl!)).records).toEqual(second.records);
    });

    it('should filter, count and refuse bad queries by their Salesforce code', async () => {
      const { client } = await open({ renewable: true });
      const ids = await createAccounts(client, 5);
      const page = await client.query(`SELECT Id FROM Account WHERE Id IN ('${ids[1]}', '${ids[3]}') ORDER BY Id`);
      expect(page).toMatchObject({ totalSize: 2, done: true, nextRecordsUrl: null });
      expect(page.records.map((r) => r.Id)).toEqual([ids[1], ids[3]]);
      expect((await client.query(`SELECT Id FROM Account WHERE Id > '${ids[2]}' ORDER BY Id`)).records.map((r) => r.Id)).toEqual([ids[3], ids[4]]);
      expect((await client.query('SELECT COUNT() FROM Account WHERE NumberOfEmployees >= 4')).totalSize).toBe(2);
      expect(await client.count('Account')).toBe(5);
      await expect(client.query('SELECT Nope__c FROM Account')).rejects.toMatchObject({ name: 'SalesforceRequestRejectedError', sfErrorCode: 'INVALID_FIELD' });
      await expect(client.query('SELECT Id FROM Nope__c')).rejects.toMatchObject({ name: 'SalesforceRequestRejectedError', sfErrorCode: 'INVALID_TYPE' });
    });

    it('should run a Bulk 2.0 query job and hand its CSV results out page by page', async () => {
      const { client } = await open({ renewable: true });
      const ids = await createAccounts(client, 7);
      const created = await client.bulkQueryCreate('SELECT Id, Name, NumberOfEmployees FROM Account ORDER BY Id');
      expect(['UploadComplete', 'InProgress', 'JobComplete']).toContain(created.state);
      // Salesforce is polled for a Bulk job's state, as a client must.
      const info = await eventually('the Bulk query job to complete', () => client.bulkQueryInfo(created.id), (i) => i.state === 'JobComplete', { intervalMs: 20, timeoutMs: 30_000 });
      expect(info).toEqual({ id: created.id, state: 'JobComplete', numberRecordsProcessed: 7, errorMessage: null });
      const types = new Map([['Id', 'id'], ['Name', 'string'], ['NumberOfEmployees', 'int']]);
      const rows: Row[] = [];
      const sizes: number[] = [];
      let locator: string | null = null;
      do {
        const page = await client.bulkQueryResults(created.id, locator, CONTRACT_QUERY_PAGE_SIZE);
        sizes.push(page.records);
        for (const record of bulkCsvRecords(page.csv, types)) rows.push(record);
        locator = page.nextLocator;
      } while (locator !== null);
      expect(sizes).toEqual([3, 3, 1]);
      expect(rows).toEqual(ids.map((Id, i) => ({ Id, Name: `Contract ${i + 1}`, NumberOfEmployees: i + 1 })));
      await expect(client.bulkQueryCreate('SELECT Nope__c FROM Account')).rejects.toMatchObject({ name: 'SalesforceRequestRejectedError', sfErrorCode: 'INVALIDJOB' });
    });

    it('should run a Bulk 2.0 ingest job to its end, naming it once open, with each failed row and its error', async () => {
      const { client } = await open({ renewable: true });
      const opened: string[] = [];
      const result = await client.bulkIngest('Account', 'insert', [{ Name: 'Bulk 1' }, { NumberOfEmployees: 3 }, { Name: 'Bulk 2' }], {
        onJobOpened: async (jobId) => void opened.push(jobId),
        pollIntervalMs: 20,
      });
      expect(opened).toEqual([result.jobId]);
      expect(result.successful.map((r) => [r.Name, ID.test(String(r.sf__Id))])).toEqual([
        ['Bulk 1', true],
        ['Bulk 2', true],
      ]);
      expect(result.failed).toHaveLength(1);
      expect(result.failed[0]!.sf__Error).toMatch(/^REQUIRED_FIELD_MISSING:/);
      expect(result.unprocessed).toEqual([]);
      expect(await client.count('Account')).toBe(2);
    });

    it('should read the daily API budget, and report the usage of the last answer at no cost', async () => {
      const org = await open({ renewable: true });
      expect(org.client.apiUsage()).toBeNull();
      org.setApiUsage(5000, 1000);
      expect(await org.client.limits()).toEqual({ max: 5000, remaining: 4000 });
      await org.client.describeGlobal();
      expect(org.client.apiUsage()).toEqual({ max: 5000, remaining: 3999 });
      expect(org.client.apiUsage()).toEqual({ max: 5000, remaining: 3999 });
      expect(await org.client.limits()).toEqual({ max: 5000, remaining: 3999 });
    });

    it('should fail with a retryable REQUEST_LIMIT_EXCEEDED once the daily allowance is spent', async () => {
      const org = await open({ renewable: true });
      org.setApiUsage(100, 100);
      await expect(org.client.describeGlobal()).rejects.toMatchObject({ name: 'SalesforceUnavailableError', code: 'SALESFORCE_UNAVAILABLE', sfErrorCode: 'REQUEST_LIMIT_EXCEEDED' });
      await expect(org.client.query('SELECT Id FROM Account')).rejects.toMatchObject({ name: 'SalesforceUnavailableError', sfErrorCode: 'REQUEST_LIMIT_EXCEEDED' });
      expect(await org.client.limits()).toEqual({ max: 100, remaining: 0 });
      org.setApiUsage(100, 10);
      expect((await org.client.query('SELECT Id FROM Account')).totalSize).toBe(0);
    });

    it('should renew an expired session it can renew, unnoticed by the caller', async () => {
      const org = await open({ renewable: true });
      const before = await org.client.describeGlobal();
      org.expireSession();
      expect(await org.client.describeGlobal()).toEqual(before);
      expect(await org.client.identity()).toEqual(org.identity);
    });

    it('should fail with SessionExpiredError (INVALID_SESSION_ID) when the session cannot be renewed', async () => {
      const org = await open({ renewable: false });
      expect((await org.client.query('SELECT Id FROM Account')).totalSize).toBe(0);
      org.expireSession();
      await expect(org.client.describeGlobal()).rejects.toMatchObject({ name: 'SessionExpiredError', code: 'SESSION_EXPIRED', sfErrorCode: 'INVALID_SESSION_ID' });
      await expect(org.client.createRecords('Account', [{ Name: 'Lost' }])).rejects.toMatchObject({ name: 'SessionExpiredError', sfErrorCode: 'INVALID_SESSION_ID' });
    });
  });
}
