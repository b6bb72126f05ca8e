import { createHash, randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, ObjectId } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { startSandbox, type OrgHandle, type Sandbox } from '../../src/sandbox/index.ts';
import { BackupFileStore } from '../../src/storage/index.ts';

const A = TEST_KEYS.tenantA;
const SECRET_ENV = { LONGHAUL_SECRET_KEYS: `t1:${randomBytes(32).toString('base64')}` };
const BACKUP_FIELDS = 'id status records bytes durationMs job { id state attempts progress { processed total } } objects { name status estimatedRecords records parts bytes sha256 error { code } }';

describe('salesforce.backup end to end', () => {
  const dbName = uniqueDatabaseName('sfbackup');
  let sandbox: Sandbox;
  let api: LonghaulProcess;
  let mongo: MongoClient;
  let files: BackupFileStore;
  const workers: LonghaulProcess[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startLonghaul('serve', dbName, SECRET_ENV);
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    files = new BackupFileStore(mongo.db(dbName));
  });
  afterAll(async () => {
    await Promise.all([api, ...workers].map((p) => p?.stop()));
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
    await sandbox?.stop();
  });

  const connect = async (org: OrgHandle): Promise<string> =>
    (
      await gqlData(api.url, A, 'mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id } }', {
        input: { name: org.username, loginUrl: sandbox.url, username: org.username, password: 'pw', clientId: 'c', clientSecret: 's' },
      })
    ).connectOrg.id;

  const backupOf = async (orgId: string) => (await gqlData(api.url, A, `query($orgId: ID!) { backups(orgId: $orgId) { ${BACKUP_FIELDS} } }`, { orgId })).backups[0];

  const waitForBackup = async (orgId: string, timeoutMs = 40_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const backup = await backupOf(orgId);
      if (['SUCCEEDED', 'FAILED'].includes(backup.job.state)) return backup;
      if (Date.now() > deadline) throw new Error(`backup not done: ${JSON.stringify(backup)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  /** Checks every stored object against the sandbox's records: same records, each once, and the stored sha256. */
  const expectEqualToSandbox = async (backupId: string, org: OrgHandle, objects: { name: string; records: number; parts: number; sha256: string }[]) => {
    for (const object of objects) {
      const expected = [...org.records(object.name)].map(({ attributes: _a, ...fields }) => fields);
      const stored: Record<string, unknown>[] = [];
      const hash = createHash('sha256');
      for await (const record of files.readRecords(backupId, object.name, object.parts)) {
        stored.push(record);
        hash.update(`${JSON.stringify(record)}\n`);
      }
      expect(stored.length, object.name).toBe(expected.length);
      expect(object.records, object.name).toBe(expected.length);
      expect(new Set(stored.map((r) => r.Id)).size, object.name).toBe(stored.length);
      expect(stored, object.name).toEqual(expected);
      expect(object.sha256, object.name).toBe(hash.digest('hex'));
    }
  };

  it('should back up every queryable, replicateable object of a 5,000-record org, equal to the sandbox', async () => {
    workers.push(await startLonghaul('work', dbName, SECRET_ENV));
    const org = addTestOrg(sandbox, { size: 5000, seed: 7 });
    const orgId = await connect(org);
    const started = Date.now();
    const job = (await gqlData(api.url, A, 'mutation($orgId: ID!) { startBackup(orgId: $orgId) { id type state } }', { orgId })).startBackup;
    expect(job).toMatchObject({ type: 'salesforce.backup', state: 'QUEUED' });
    const backup = await waitForBackup(orgId);
    const elapsed = Date.now() - started;
    expect(backup.job).toMatchObject({ id: job.id, state: 'SUCCEEDED', progress: { processed: 5005, total: 5005 } });
    expect(backup.status).toBe('SUCCEEDED');
    expect(backup.objects.map((o: { name: string }) => o.name)).toEqual(['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c', 'User']);
    expect(backup.records).toBe(5005);
    expect(backup.objects.every((o: { status: string; records: number; estimatedRecords: number }) => o.status === 'SUCCEEDED' && o.records === o.estimatedRecords)).toBe(true);
    await expectEqualToSandbox(backup.id, org, backup.objects);
    const schema = (await files.readSchema(backup.id, 'Account')) as { name: string; fields: { name: string }[] };
    expect(schema.name).toBe('Account');
    expect(schema.fields.map((f) => f.name)).toContain('SystemModstamp');
    process.stderr.write(`full backup of 5,005 records: ${elapsed} ms end to end, ${backup.bytes} bytes stored\n`);
  });

  it('should fail only the object Salesforce rejects and retry through injected 503s', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 3000, Case: 10 }, seed: 9 });
    sandbox.faults.add({ kind: 'query', orgId: org.orgId, errorCode: 'SERVER_UNAVAILABLE', errorRate: 0.3, times: 6 });
    const orgId = await connect(org);
    await gqlData(api.url, A, 'mutation($orgId: ID!) { startBackup(orgId: $orgId, objects: ["Account", "NoSuchObject__c", "Case"]) { id } }', { orgId });
    const backup = await waitForBackup(orgId);
    expect(backup.job.state).toBe('SUCCEEDED');
    expect(backup.status).toBe('PARTIAL');
    expect(backup.objects.map((o: { name: string; status: string }) => [o.name, o.status])).toEqual([
      ['Account', 'SUCCEEDED'],
      ['NoSuchObject__c', 'FAILED'],
      ['Case', 'SUCCEEDED'],
    ]);
    expect(backup.objects[1].error.code).toMatch(/INVALID_TYPE|NOT_FOUND/);
    await expectEqualToSandbox(backup.id, org, [backup.objects[0], backup.objects[2]]);
  });

  it('should resume a backup whose worker was killed mid-object, storing every record exactly once', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const first = await startLonghaul('work', dbName, { ...SECRET_ENV, LONGHAUL_LOCK_LIFETIME_MS: '2000' });
    const org = addTestOrg(sandbox, { size: { Contact: 8000 }, seed: 11 });
    const slow = sandbox.faults.add({ kind: 'query', orgId: org.orgId, latencyMs: 400 });
    const orgId = await connect(org);
    const job = (await gqlData(api.url, A, 'mutation($orgId: ID!) { startBackup(orgId: $orgId, objects: ["Contact"]) { id } }', { orgId })).startBackup;
    const jobs = mongo.db(dbName).collection('agendaJobs');
    let partAtKill = 0;
    for (let i = 0; i < 300 && partAtKill < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const doc = await jobs.findOne({ _id: new ObjectId(job.id) });
      partAtKill = doc?.checkpoint ? JSON.parse(doc.checkpoint).part : 0;
    }
    expect(partAtKill).toBeGreaterThanOrEqual(2);
    execSync(`pkill -KILL -P ${first.child.pid}; kill -KILL ${first.child.pid}`);
    await first.stop();
    sandbox.faults.remove(slow.id);
    workers.push(await startLonghaul('work', dbName, { ...SECRET_ENV, LONGHAUL_LOCK_LIFETIME_MS: '2000' }));
    const backup = await waitForBackup(orgId);
    expect(backup.job).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });
    expect(backup.objects[0]).toMatchObject({ name: 'Contact', status: 'SUCCEEDED', records: 8000, parts: 4 });
    await expectEqualToSandbox(backup.id, org, backup.objects);
    const logs = (await gqlData(api.url, A, 'query($id: ID!) { job(id: $id) { logs(last: 100) { message } } }', { id: job.id })).job.logs.map((l: { message: string }) => l.message);
    expect(logs.some((m: string) => /^resuming at object 1\/1, part [2-5]$/.test(m))).toBe(true);
  });
});
