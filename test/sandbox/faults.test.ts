import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SalesforceErrorCode, startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { accessToken, addTestOrg, loginTo, newConnection, rejectionOf, testApiVersion } from '../support/sandboxConnection.ts';

describe('sandbox org fault injection and limits', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should exhaust the daily API requests and answer REQUEST_LIMIT_EXCEEDED', async () => {
    const org = addTestOrg(sandbox, { size: 20, dailyApiRequests: 3 });
    const conn = await loginTo(sandbox, org);
    await conn.query('SELECT Id FROM Account');
    await conn.query('SELECT Id FROM Contact');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: 3 });
    await conn.describe('Account');
    const error = await rejectionOf(conn.query('SELECT Id FROM Case'));
    expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toBe('TotalRequests Limit exceeded.');
    const limits = await conn.limits();
    expect(limits['DailyApiRequests']).toEqual({ Max: 3, Remaining: 0 });
    org.setApiUsage({ max: 10 });
    expect((await conn.query('SELECT Id FROM Case')).done).toBe(true);
  });

  it('should let jsforce retry an injected 503 on a GET and succeed', async () => {
    const org = addTestOrg(sandbox, { size: 20 });
    const conn = await loginTo(sandbox, org);
    const rule = sandbox.faults.add({ kind: 'query', orgId: org.orgId, errorCode: SalesforceErrorCode.SERVER_UNAVAILABLE, times: 1 });
    const result = await conn.query('SELECT Id FROM Account');
    expect(result.totalSize).toBe(org.summary().generatedCounts['Account']);
    expect(sandbox.faults.list().some((r) => r.id === rule.id)).toBe(false);
  });

  it('should surface an injected 503 on a POST as SERVER_UNAVAILABLE', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    sandbox.faults.add({ kind: 'collections', orgId: org.orgId, errorCode: SalesforceErrorCode.SERVER_UNAVAILABLE, times: 1 });
    const error = await rejectionOf(conn.sobject('Account').create([{ Name: 'a' }, { Name: 'b' }]));
    expect(error.errorCode).toBe('SERVER_UNAVAILABLE');
    expect(error.message).toBe('Server temporarily unavailable');
    const token = await accessToken(sandbox, org);
    sandbox.faults.add({ kind: 'sobject', orgId: org.orgId, errorCode: SalesforceErrorCode.UNABLE_TO_LOCK_ROW, times: 1 });
    const raw = await fetch(`${sandbox.url}/services/data/v${testApiVersion}/sobjects/Account`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"Name":"x"}' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual([{ message: 'unable to obtain exclusive access to this record', errorCode: 'UNABLE_TO_LOCK_ROW' }]);
  });

  it('should keep a hanging request open until the client times out', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    sandbox.faults.add({ kind: 'limits', orgId: org.orgId, hang: true, times: 1 });
    const started = Date.now();
    const error = await rejectionOf(conn.request({ method: 'GET', url: `/services/data/v${testApiVersion}/limits` }, { timeout: 300 }));
    expect(error.name).toBe('AbortError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await conn.limits()).toHaveProperty('DailyApiRequests');
  });

  it('should add latency to matching requests only', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    sandbox.faults.add({ kind: 'describe', orgId: org.orgId, latencyMs: 150 });
    let started = Date.now();
    await conn.describeGlobal();
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    started = Date.now();
    await conn.limits();
    expect(Date.now() - started).toBeLessThan(140);
  });

  it('should inject per-record errors into collections and bulk ingest', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    sandbox.faults.add({ kind: 'any', orgId: org.orgId, recordErrorRate: 1, recordErrorCode: SalesforceErrorCode.UNABLE_TO_LOCK_ROW });
    const results = await conn.sobject('Account').create([{ Name: 'locked' }]) as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
    expect(results[0]).toMatchObject({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW' }] });
    const bulk = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', pollInterval: 20, input: [{ Name: 'x' }, { Name: 'y' }] });
    expect(bulk.failedResults.map((r) => r.sf__Error.split(':')[0])).toEqual(['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW']);
  });

  it('should fail a bulk ingest job midway and report the unprocessed records', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    sandbox.faults.add({ kind: 'bulkIngest', orgId: org.orgId, failBulkJobAfter: 2 });
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData([{ Name: 'one' }, { Name: 'two' }, { Name: 'three' }, { Name: 'four' }]);
    await job.close();
    const error = await job.poll(20, 5000).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain('Ingest job failed to complete');
    expect((await job.getSuccessfulResults() as unknown as Array<Record<string, string>>).map((r) => r['Name'])).toEqual(['one', 'two']);
    expect(await job.getUnprocessedRecords()).toEqual([{ Name: 'three' }, { Name: 'four' }]);
  });

  it('should inject token endpoint errors in the OAuth shape', async () => {
    const org = addTestOrg(sandbox);
    sandbox.faults.add({ kind: 'token', orgId: org.orgId, errorCode: SalesforceErrorCode.SERVER_UNAVAILABLE, times: 1 });
    const error = await rejectionOf(newConnection(sandbox).login(org.username, 'pw'));
    expect(error.name).toBe('server_unavailable');
    expect((await loginTo(sandbox, org)).accessToken).toEqual(expect.any(String));
  });
});
