import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupHarness, sandboxRecords } from '../support/backupHarness.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { eventually } from '../support/eventually.ts';
import { JOB_ENDED_STATES } from '../support/jobState.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';

/** Quick retries and Bulk polling; objects of 2,000 records or more through Bulk 2.0 (1,000 a page); calls time out after 3 s. */
const ENV = {
  LONGHAUL_BACKUP_BULK_THRESHOLD: '2000',
  LONGHAUL_BACKUP_BULK_PAGE_SIZE: '1000',
  LONGHAUL_BACKUP_BULK_POLL_MS: '50',
  LONGHAUL_BACKUP_CALL_BACKOFF_MS: '100',
  LONGHAUL_BACKUP_CALL_TRIES: '8',
  LONGHAUL_SALESFORCE_TIMEOUT_MS: '3000',
  LONGHAUL_SALESFORCE_BUDGET_CHECK_MS: '300',
};

describe('salesforce.backup through Salesforce failures', () => {
  let sandbox: Sandbox;
  let h: BackupHarness;

  beforeAll(async () => {
    h = await BackupHarness.start({ name: 'sffaults', worker: ENV });
    sandbox = h.sandbox;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const jobLogs = async (jobId: string): Promise<string[]> =>
    (await gqlData(h.api.url, h.key, 'query($id: ID!) { job(id: $id) { logs(last: 200) { message } } }', { id: jobId })).job.logs.map((l: { message: string }) => l.message);

  it('should renew an expired session mid-backup and go on, REST and Bulk', async () => {
    const org = addTestOrg(sandbox, { size: { Contact: 5000, Account: 1500 }, seed: 41 });
    const orgId = await h.connect(org);
    // Every access token dies after 4 calls: the backup needs many more, on both APIs.
    org.setTokenPolicy({ maxCalls: 4 });
    const jobId = await h.startBackup(orgId, { objects: ['Contact', 'Account'] });
    const backup = await h.waitForBackup(orgId, jobId);
    org.setTokenPolicy({ maxCalls: null });
    expect(backup.job).toMatchObject({ state: 'SUCCEEDED', attempts: 1 });
    expect(backup.objects.map((o) => [o.name, o.method, o.status])).toEqual([
      ['Contact', 'BULK', 'SUCCEEDED'],
      ['Account', 'REST', 'SUCCEEDED'],
    ]);
    await h.expectObjectsEqual(backup.id, backup.objects, (name) => sandboxRecords(org, name));
    // More calls than one access token allowed: the session was renewed along the way.
    expect(org.summary().apiUsage).toMatchObject({ max: 100_000, used: expect.any(Number) });
    expect(org.summary().apiUsage.used).toBeGreaterThan(4);
  });

  it('should back off and retry through 503s, REQUEST_LIMIT_EXCEEDED and UNABLE_TO_LOCK_ROW', async () => {
    const org = addTestOrg(sandbox, { size: { Contact: 4000, Case: 1200 }, seed: 43 });
    const orgId = await h.connect(org);
    const rules = [
      sandbox.faults.add({ kind: 'query', orgId: org.orgId, errorCode: 'REQUEST_LIMIT_EXCEEDED', times: 2 }),
      sandbox.faults.add({ kind: 'bulkQuery', orgId: org.orgId, method: 'GET', errorCode: 'UNABLE_TO_LOCK_ROW', errorRate: 0.5, times: 3 }),
      sandbox.faults.add({ kind: 'describe', orgId: org.orgId, errorCode: 'SERVER_UNAVAILABLE', times: 2 }),
      sandbox.faults.add({ kind: 'bulkQuery', orgId: org.orgId, method: 'POST', errorCode: 'SERVER_UNAVAILABLE', times: 1 }),
    ];
    const jobId = await h.startBackup(orgId, { objects: ['Contact', 'Case'] });
    const backup = await h.waitForBackup(orgId, jobId);
    for (const rule of rules) sandbox.faults.remove(rule.id);
    expect(backup.job.state).toBe('SUCCEEDED');
    expect(backup.objects.map((o) => [o.name, o.status, o.error])).toEqual([
      ['Contact', 'SUCCEEDED', null],
      ['Case', 'SUCCEEDED', null],
    ]);
    expect(backup.status).toBe('SUCCEEDED');
    await h.expectObjectsEqual(backup.id, backup.objects, (name) => sandboxRecords(org, name));
    const logs = await jobLogs(jobId);
    expect(logs.some((m) => /REQUEST_LIMIT_EXCEEDED; try 2\//.test(m))).toBe(true);
    expect(logs.some((m) => /UNABLE_TO_LOCK_ROW; try \d\//.test(m))).toBe(true);
    expect(logs.some((m) => /SERVER_UNAVAILABLE|ERROR_HTTP_503/.test(m))).toBe(true);
  });

  it('should time out a request that never answers and retry it', async () => {
    const org = addTestOrg(sandbox, { size: { Opportunity: 3000, Account: 900 }, seed: 47 });
    const orgId = await h.connect(org);
    const hangs = [
      sandbox.faults.add({ kind: 'query', orgId: org.orgId, hang: true, times: 1 }),
      sandbox.faults.add({ kind: 'bulkQuery', orgId: org.orgId, method: 'GET', hang: true, times: 1 }),
    ];
    const jobId = await h.startBackup(orgId, { objects: ['Opportunity', 'Account'] });
    const backup = await h.waitForBackup(orgId, jobId);
    for (const rule of hangs) sandbox.faults.remove(rule.id);
    expect(backup.job).toMatchObject({ state: 'SUCCEEDED', attempts: 1 });
    await h.expectObjectsEqual(backup.id, backup.objects, (name) => sandboxRecords(org, name));
    expect((await jobLogs(jobId)).filter((m) => /: TIMEOUT; try 2\//.test(m))).toHaveLength(2);
  });

  it('should fail only the object Salesforce rejects with INVALID_FIELD and report it', async () => {
    const org = addTestOrg(sandbox, { size: { Contact: 2500, Account: 300, Case: 200 }, seed: 53 });
    const orgId = await h.connect(org);
    // Only Contact is large enough for Bulk: the rejected query job is Contact's.
    const rule = sandbox.faults.add({ kind: 'bulkQuery', orgId: org.orgId, method: 'POST', errorCode: 'INVALID_FIELD' });
    const jobId = await h.startBackup(orgId, { objects: ['Account', 'Contact', 'Case'] });
    const backup = await h.waitForBackup(orgId, jobId);
    sandbox.faults.remove(rule.id);
    expect(backup.job.state).toBe('SUCCEEDED');
    expect(backup.status).toBe('PARTIAL');
    expect(backup.objects.map((o) => [o.name, o.status, o.error?.code ?? null])).toEqual([
      ['Account', 'SUCCEEDED', null],
      ['Contact', 'FAILED', 'INVALID_FIELD'],
      ['Case', 'SUCCEEDED', null],
    ]);
    const errors = (await gqlData(h.api.url, h.key, 'query($id: ID!) { backup(id: $id) { errors { name error { code message } } } }', { id: backup.id })).backup.errors;
    expect(errors).toEqual([{ name: 'Contact', error: { code: 'INVALID_FIELD', message: expect.stringContaining('INVALID_FIELD') } }]);
    await h.expectObjectsEqual(backup.id, [backup.objects[0]!, backup.objects[2]!], (name) => sandboxRecords(org, name));
  });

  it('should answer org(id) from a recent check without calling the org again', async () => {
    const org = addTestOrg(sandbox, { size: 10, seed: 61 });
    const orgId = await h.connect(org);
    // Any limits call would now fail and mark the org FAILED; within the cache window none is made.
    const rule = sandbox.faults.add({ kind: 'limits', orgId: org.orgId, errorCode: 'REQUEST_LIMIT_EXCEEDED', times: 1000 });
    try {
      const seen = (await gqlData(h.api.url, h.key, 'query($id: ID!) { org(id: $id) { status apiBudget { max remaining } } }', { id: orgId })).org;
      expect(seen.status).toBe('CONNECTED');
      expect(seen.apiBudget.max).toBe(org.summary().apiUsage.max);
      expect(rule.remaining).toBe(1000);
    } finally {
      sandbox.faults.remove(rule.id);
    }
  });

  it('should pause before using more than its share of the daily API budget, and go on when there is budget again', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 4000, Contact: 200 }, seed: 59, dailyApiRequests: 100 });
    const orgId = await h.connect(org);
    // 40 of 100 used; the share is 50%: 10 calls left, fewer than the backup needs (REST pages of 2,000 records).
    org.setApiUsage({ used: 40 });
    const jobId = await h.startBackup(orgId, { objects: ['Account', 'Contact'] });
    const seenPaused = await eventually('the backup to pause for API budget (or end)', () => h.backupOfJob(orgId, jobId), (b) => /paused for API budget/.test(b.job.progress?.message ?? '') || JOB_ENDED_STATES.includes(b.job.state));
    expect(seenPaused.job.progress?.message).toMatch(/paused for API budget/);
    const pausedAt = { used: org.summary().apiUsage.used };
    // Paused: no call goes out while it waits (limits reads are free), however long it waits. A fixed window:
    // the test proves that nothing happens during it, so there is no event to await. Usage only grows, so
    // reading it once at the end covers the whole window.
    await new Promise((r) => setTimeout(r, 2000));
    expect(pausedAt.used).toBeLessThanOrEqual(50);
    expect(org.summary().apiUsage.used).toBe(pausedAt.used);
    const during = await h.backupOfJob(orgId, jobId);
    expect(during.job.state).toBe('RUNNING');
    expect(during.records).toBeLessThan(4200);
    // More budget (the allowance grew): the job reads the limits again and finishes.
    org.setApiUsage({ max: 100_000 });
    const backup = await h.waitForBackup(orgId, jobId);
    expect(backup.job).toMatchObject({ state: 'SUCCEEDED', attempts: 1 });
    await h.expectObjectsEqual(backup.id, backup.objects, (name) => sandboxRecords(org, name));
    const logs = await jobLogs(jobId);
    expect(logs.some((m) => /^API budget: \d+\/100 requests used, over 50%: pausing/.test(m))).toBe(true);
    // org(id) shows the budget the job recorded last (cached, no extra call).
    const seen = (await gqlData(h.api.url, h.key, 'query($id: ID!) { org(id: $id) { apiBudget { max remaining } } }', { id: orgId })).org.apiBudget;
    expect(seen.max).toBe(100_000);
  });
});
