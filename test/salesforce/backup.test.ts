import { execSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { BackupHarness, sandboxRecords } from '../support/backupHarness.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { eventually } from '../support/eventually.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';

describe('salesforce.backup end to end', () => {
  let sandbox: Sandbox;
  let h: BackupHarness;

  beforeAll(async () => {
    h = await BackupHarness.start({ name: 'sfbackup' });
    sandbox = h.sandbox;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('should back up every queryable, replicateable object of a 5,000-record org, equal to the sandbox', async () => {
    const org = addTestOrg(sandbox, { size: 5000, seed: 7 });
    const orgId = await h.connect(org);
    const started = Date.now();
    const jobId = await h.startBackup(orgId);
    const backup = await h.waitForBackup(orgId, jobId);
    const elapsed = Date.now() - started;
    expect(backup.job).toMatchObject({ id: jobId, state: 'SUCCEEDED', progress: { processed: 5005, total: 5005 } });
    expect(backup.job.progress?.message).toBe('done: 5005 records, 6/6 objects');
    expect(backup.status).toBe('SUCCEEDED');
    expect(backup.objects.map((o) => o.name)).toEqual(['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c', 'User']);
    // Below the default Bulk threshold (10,000): every object through REST.
    expect(backup.objects.every((o) => o.method === 'REST' && o.mode === 'FULL')).toBe(true);
    expect(backup.records).toBe(5005);
    expect(backup.objects.every((o) => o.status === 'SUCCEEDED' && o.records === o.estimatedRecords)).toBe(true);
    await h.expectObjectsEqual(backup.id, backup.objects, (name) => sandboxRecords(org, name));
    const schema = (await h.files.readSchema('tenantA', backup.id, 'Account')) as { name: string; fields: { name: string }[] };
    expect(schema.name).toBe('Account');
    expect(schema.fields.map((f) => f.name)).toContain('SystemModstamp');
    process.stderr.write(`full backup of 5,005 records: ${elapsed} ms end to end\n`);
  });

  it('should fail only the object Salesforce rejects and retry through injected 503s', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 3000, Case: 10 }, seed: 9 });
    sandbox.faults.add({ kind: 'query', orgId: org.orgId, errorCode: 'SERVER_UNAVAILABLE', errorRate: 0.3, times: 6 });
    const orgId = await h.connect(org);
    const jobId = await h.startBackup(orgId, { objects: ['Account', 'NoSuchObject__c', 'Case'] });
    const backup = await h.waitForBackup(orgId, jobId);
    expect(backup.job.state).toBe('SUCCEEDED');
    expect(backup.status).toBe('PARTIAL');
    expect(backup.objects.map((o) => [o.name, o.status])).toEqual([
      ['Account', 'SUCCEEDED'],
      ['NoSuchObject__c', 'FAILED'],
      ['Case', 'SUCCEEDED'],
    ]);
    expect(backup.objects[1]!.error?.code).toMatch(/INVALID_TYPE|NOT_FOUND/);
    await h.expectObjectsEqual(backup.id, [backup.objects[0]!, backup.objects[2]!], (name) => sandboxRecords(org, name));
  });

  it('should resume a backup whose worker was killed mid-object, storing every record exactly once', async () => {
    await h.stopWorkers();
    const first = await h.startWorker({ LONGHAUL_LOCK_LIFETIME_MS: '2000' });
    const org = addTestOrg(sandbox, { size: { Contact: 8000 }, seed: 11 });
    const slow = sandbox.faults.add({ kind: 'query', orgId: org.orgId, latencyMs: 400 });
    const orgId = await h.connect(org);
    const jobId = await h.startBackup(orgId, { objects: ['Contact'] });
    const jobs = h.db.collection('agendaJobs');
    await eventually(
      'the backup to checkpoint part 2 of Contact',
      async () => {
        const doc = await jobs.findOne({ _id: new ObjectId(jobId) });
        return doc?.checkpoint ? (JSON.parse(doc.checkpoint).part as number) : 0;
      },
      (part) => part >= 2,
      { intervalMs: 50 },
    );
    execSync(`pkill -KILL -P ${first.child.pid}; kill -KILL ${first.child.pid}`);
    await first.stop();
    sandbox.faults.remove(slow.id);
    await h.startWorker({ LONGHAUL_LOCK_LIFETIME_MS: '2000' });
    const backup = await h.waitForBackup(orgId, jobId);
    expect(backup.job).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });
    expect(backup.objects[0]).toMatchObject({ name: 'Contact', status: 'SUCCEEDED', records: 8000, parts: 4 });
    await h.expectObjectsEqual(backup.id, backup.objects, (name) => sandboxRecords(org, name));
    const logs = (await gqlData(h.api.url, h.key, 'query($id: ID!) { job(id: $id) { logs(last: 100) { message } } }', { id: jobId })).job.logs.map((l: { message: string }) => l.message);
    expect(logs.some((m: string) => /^resuming at object 1\/1, part [2-5]$/.test(m))).toBe(true);
  });
});
