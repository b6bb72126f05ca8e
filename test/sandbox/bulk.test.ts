import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { accessToken, addTestOrg, loginTo, testApiVersion } from '../support/sandboxConnection.ts';
import { eventually } from '../support/eventually.ts';

type Row = Record<string, string>;

async function collect(stream: NodeJS.EventEmitter): Promise<Row[]> {
  const rows: Row[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('record', (row: Row) => rows.push(row));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  return rows;
}

describe('sandbox org Bulk API 2.0', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should stream a bulk2.query with the same values the REST API returns', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 3000 }, trickyRate: 0.3 });
    const conn = await loginTo(sandbox, org);
    const rows = await collect(await conn.bulk2.query('SELECT Id, Name, Description, AnnualRevenue, Active__c, CreatedDate FROM Account'));
    expect(rows).toHaveLength(3000);
    const rest = await conn.query<Record<string, unknown>>('SELECT Id, Name, Description, AnnualRevenue, Active__c, CreatedDate FROM Account').run({ autoFetch: true, maxFetch: 5000 });
    const restById = new Map(rest.records.map((r) => [String(r['Id']), r]));
    for (const row of rows) {
      const expected = restById.get(row['Id'] ?? '');
      expect(row['Name']).toBe(expected?.['Name']);
      expect(row['Description']).toBe(expected?.['Description'] ?? '');
      expect(row['AnnualRevenue']).toBe(expected?.['AnnualRevenue'] === null ? '' : String(expected?.['AnnualRevenue']));
      expect(row['Active__c']).toBe(String(expected?.['Active__c']));
      expect(row['CreatedDate']).toBe(String(expected?.['CreatedDate']).replace('+0000', 'Z'));
    }
    expect(rows.some((r) => /[,"\n]/.test(r['Name'] ?? '') || /[^\x00-\x7f]/.test(r['Name'] ?? ''))).toBe(true);
  });

  it('should page query results with maxRecords, Sforce-Locator and Sforce-NumberOfRecords', async () => {
    const org = addTestOrg(sandbox, { size: { Case: 2500 } });
    const token = await accessToken(sandbox, org);
    const base = `${sandbox.url}/services/data/v${testApiVersion}/jobs/query`;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const created = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ operation: 'queryAll', query: 'SELECT Id, CaseNumber, Subject FROM Case' }) });
    const job = (await created.json()) as { id: string; state: string; operation: string; object: string };
    expect(job).toMatchObject({ state: 'UploadComplete', operation: 'queryAll', object: 'Case' });
    const info = await eventually(
      'the Bulk query job to complete',
      async () => (await (await fetch(`${base}/${job.id}`, { headers })).json()) as { state: string; numberRecordsProcessed: number; jobType: string },
      (polled) => polled.state === 'JobComplete',
      { intervalMs: 10 },
    );
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2500, jobType: 'V2Query' });
    const pages: Array<{ count: string | null; locator: string | null; rows: string[][] }> = [];
    let locator: string | null = null;
    do {
      const url: string = `${base}/${job.id}/results?maxRecords=1000${locator ? `&locator=${locator}` : ''}`;
      const response = await fetch(url, { headers });
      expect(response.headers.get('content-type')).toBe('text/csv');
      const rows = parse(await response.text());
      pages.push({ count: response.headers.get('sforce-numberofrecords'), locator: response.headers.get('sforce-locator'), rows });
      locator = response.headers.get('sforce-locator');
    } while (locator !== 'null');
    expect(pages.map((p) => p.count)).toEqual(['1000', '1000', '500']);
    expect(pages.every((p) => p.rows[0]?.join() === 'Id,CaseNumber,Subject')).toBe(true);
    const ids = pages.flatMap((p) => p.rows.slice(1).map((r) => r[0]));
    expect(new Set(ids).size).toBe(2500);
    const repeat = await fetch(`${base}/${job.id}/results?maxRecords=1000&locator=${pages[0]?.locator ?? ''}`, { headers });
    expect(parse(await repeat.text())[1]?.[0]).toBe(pages[1]?.rows[1]?.[0]);
  });

  it('should run bulk2 ingest jobs and report successful and failed results', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 10 } });
    const conn = await loginTo(sandbox, org);
    const result = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'insert',
      pollInterval: 20,
      input: [
        { LastName: 'Smith, "Jr"', FirstName: 'Ann\nMarie', Email: 'ann@example.com' },
        { LastName: '', FirstName: 'No last name', Email: 'none@example.com' },
        { LastName: 'Ünïcödé 😀', FirstName: 'Zoë', Email: 'zoe@example.com' },
      ],
    });
    expect(result.successfulResults).toHaveLength(2);
    expect(result.successfulResults[0]).toMatchObject({ sf__Created: 'true', LastName: 'Smith, "Jr"', FirstName: 'Ann\nMarie' });
    expect(result.failedResults).toHaveLength(1);
    expect(result.failedResults[0]).toMatchObject({ sf__Id: '', sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --', FirstName: 'No last name' });
    expect(result.unprocessedRecords).toEqual([]);
    const stored = await conn.sobject('Contact').retrieve(result.successfulResults[1]?.sf__Id ?? '') as Record<string, unknown>;
    expect(stored).toMatchObject({ LastName: 'Ünïcödé 😀', FirstName: 'Zoë' });

    const ids = result.successfulResults.map((r) => r.sf__Id);
    const updated = await conn.bulk2.loadAndWaitForResults({ object: 'Contact', operation: 'update', pollInterval: 20, input: ids.map((Id) => ({ Id, Title: 'Bulk title' })) });
    expect(updated.successfulResults.map((r) => r.sf__Created)).toEqual(['false', 'false']);
    const deleted = await conn.bulk2.loadAndWaitForResults({ object: 'Contact', operation: 'delete', pollInterval: 20, input: ids.map((Id) => ({ Id })) });
    expect(deleted.successfulResults).toHaveLength(2);
    const bin = await conn.query<{ Id: string; Title: string }>(`SELECT Id, Title FROM Contact WHERE IsDeleted = true`).scanAll(true);
    expect(bin.records.map((r) => r.Id).sort()).toEqual([...ids].sort());
    expect(bin.records.every((r) => r.Title === 'Bulk title')).toBe(true);
  });

  it('should upsert through bulk ingest and fail jobs with unknown columns', async () => {
    const org = addTestOrg(sandbox, { size: { Invoice__c: 20, Account: 5, Opportunity: 5 } });
    const conn = await loginTo(sandbox, org);
    const upsert = await conn.bulk2.loadAndWaitForResults({
      object: 'Invoice__c',
      operation: 'upsert',
      externalIdFieldName: 'External_Ref__c',
      pollInterval: 20,
      input: 'External_Ref__c,Amount__c,Status__c\nINV-EXT-000000002,12.5,Paid\nINV-EXT-NEW,99,Draft\nINV-EXT-BAD,1,Nope\n',
    });
    const byRef = new Map((upsert.successfulResults as unknown as Array<Record<string, string>>).map((r) => [r['External_Ref__c'], r['sf__Created']]));
    expect(byRef.get('INV-EXT-NEW')).toBe('true');
    expect(upsert.failedResults.map((r) => r.sf__Error)).toEqual(['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for restricted picklist field: Nope:Status__c --']);
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name,Nope__c\nA,1\n');
    await job.close();
    const error = await job.poll(20, 5000).then(() => undefined, (e: Error) => e);
    expect(error?.message).toBe('Ingest job failed to complete due to: InvalidBatch : Field name not found : Nope__c');
    expect(await job.getUnprocessedRecords()).toEqual([{ Name: 'A', Nope__c: '1' }]);
  });
});
