import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupHarness, sandboxRecords } from '../support/backupHarness.ts';
import { runCli } from '../support/cliProcess.ts';
import { eventually } from '../support/eventually.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { sandboxAdmin } from '../support/sandboxConnection.ts';
import type { OrgHandle } from '../../src/sandbox/index.ts';
import type { Bus } from '../../src/bus/bus.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobService } from '../../src/engine/jobService.ts';
import { JobTypeRegistry } from '../../src/engine/jobTypeRegistry.ts';
import { TenantQuotaStore } from '../../src/engine/tenantQuotaStore.ts';
import { POLICY_BACKUP_JOB_TYPE, PolicyBackupJobInput } from '../../src/jobs/salesforce/index.ts';
import { readBackupSnapshot } from '../../src/storage/index.ts';

const OBJECTS = ['Account', 'Contact'];
type Data = Record<string, Record<string, unknown>[]>;

describe('backup policies, one backup per org, retention and pruning (real server and sandbox)', () => {
  let h: BackupHarness;
  let org: OrgHandle;
  let orgId: string;
  let secondApi: LonghaulProcess;
  /** Creates `salesforce.policyBackup` jobs as the policy's schedule would (the workers run them). */
  let schedules: JobService;

  beforeAll(async () => {
    h = await BackupHarness.start({ name: 'sfpolicy' });
    org = h.addOrg({ size: { Account: 300, Contact: 200 }, seed: 12 });
    orgId = await h.connect(org);
    secondApi = await startLonghaul('serve', h.dbName, h.secretEnv);
    const registry = new JobTypeRegistry().register({ name: POLICY_BACKUP_JOB_TYPE, description: '', visibility: 'internal', input: PolicyBackupJobInput, run: () => Promise.reject(new Error('run by the workers')) });
    const silentBus = { publish: async () => undefined } as unknown as Bus;
    const repository = new AgendaJobRepository(h.db);
    schedules = new JobService(repository, new JobLogStore(h.db, repository), new TenantQuotaStore(h.db), silentBus, registry, new JobEventPublisher(silentBus));
  });
  afterAll(async () => {
    await secondApi?.stop();
    await h?.dispose();
  });

  const q = (query: string, variables: Record<string, unknown>, key: string = h.key, url: string = h.api.url) => gql(url, key, query, variables);
  const codeOf = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

  /** One occurrence of the policy's schedule: its job's result once it ended. */
  const occurrence = async (): Promise<Record<string, any>> => {
    const job = await schedules.createInternal({ tenantId: h.tenantId, operator: false }, { type: POLICY_BACKUP_JOB_TYPE, input: { orgId } });
    const done = await h.waitForJob(job.id, { fields: 'state result' }).catch(async (error: unknown) => {
      const { job: seen } = await gqlData(h.api.url, h.key, 'query($id: ID!) { job(id: $id) { state attempts logs { level message } } }', { id: job.id });
      const workerLogs = h.workers.flatMap((w) => w.logs.slice(-20));
      throw new Error(`${(error as Error).message}\njob: ${JSON.stringify(seen)}\nworkers: ${JSON.stringify(workerLogs)}`);
    });
    expect(done.state).toBe('SUCCEEDED');
    return done.result as Record<string, any>;
  };
  const dataNow = (): Data => Object.fromEntries(OBJECTS.map((o) => [o, sandboxRecords(org, o)]));
  const mutate = async (): Promise<void> => {
    for (const object of OBJECTS) expect((await sandboxAdmin(h.sandbox, 'POST', `/orgs/${org.username}/mutate`, { object, update: 15, delete: 6, insert: 9 })).status).toBe(200);
  };
  const snapshot = async (backupId: string, object: string): Promise<Record<string, unknown>[]> => {
    const records: Record<string, unknown>[] = [];
    for await (const record of readBackupSnapshot({ backups: h.backups, files: h.files }, h.tenantId, backupId, object)) records.push(record);
    return records;
  };
  /** The `backupChanges` chunks a backup's objects recorded, and how many of its chunks the collection holds. */
  const changeChunks = async (backupId: string): Promise<{ recorded: number; stored: number }> => {
    const doc = await h.db.collection('backups').findOne({ _id: backupId as never });
    const objects = (doc?.objects ?? []) as { changes?: { chunks: Record<string, number> } | null }[];
    const recorded = objects.reduce((sum, o) => sum + Object.values(o.changes?.chunks ?? {}).reduce((a, b) => a + b, 0), 0);
    return { recorded, stored: await h.db.collection('backupChanges').countDocuments({ backupId }) };
  };
  const backupIdOfJob = async (jobId: string): Promise<string> => {
    const backup = await h.waitForBackup(orgId, jobId).catch(async (error: unknown) => {
      const { job: seen } = await gqlData(h.api.url, h.key, 'query($id: ID!) { job(id: $id) { state attempts lastError { code message } logs { level message } } }', { id: jobId });
      throw new Error(`${(error as Error).message}\njob: ${JSON.stringify(seen)}\nworkers: ${JSON.stringify(h.workers.flatMap((w) => w.logs.slice(-15)))}`);
    });
    expect(backup.status).toBe('SUCCEEDED');
    return backup.id;
  };

  it("should set, read and remove a policy, refuse bad input, and treat another tenant's org as not found", async () => {
    const set = 'mutation($orgId: ID!, $policy: BackupPolicyInput!) { setBackupPolicy(orgId: $orgId, policy: $policy) { orgId at timezone cron fullEvery objects enabled retention { daily weekly monthly keepDays } } }';
    expect(codeOf(await q(set, { orgId, policy: {} }, TEST_KEYS.tenantB))).toBe('NOT_FOUND');
    const bad = await q(set, { orgId, policy: { at: '7pm', timezone: 'Nowhere/City' } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect((bad.errors![0]!.extensions!.issues as { path: string }[]).map((i) => i.path)).toEqual(['at', 'timezone']);
    expect((await gqlData(h.api.url, h.key, 'query($orgId: ID!) { backupPolicy(orgId: $orgId) { orgId } }', { orgId })).backupPolicy).toBeNull();
    const { setBackupPolicy } = await gqlData(h.api.url, h.key, set, { orgId, policy: { objects: OBJECTS, at: '03:30', retention: { daily: 1 } } });
    expect(setBackupPolicy).toEqual({ orgId, at: '03:30', timezone: 'UTC', cron: '30 3 * * *', fullEvery: 7, objects: OBJECTS, enabled: true, retention: { daily: 1, weekly: 0, monthly: 0, keepDays: null } });
    expect(codeOf(await q('query($orgId: ID!) { backupPolicy(orgId: $orgId) { orgId } }', { orgId }, TEST_KEYS.tenantB))).toBe('NOT_FOUND');
    expect(codeOf(await q('mutation($orgId: ID!) { removeBackupPolicy(orgId: $orgId) }', { orgId }, TEST_KEYS.tenantB))).toBe('NOT_FOUND');
    expect((await gqlData(h.api.url, h.key, 'query($orgId: ID!) { backupPolicy(orgId: $orgId) { fullEvery } }', { orgId })).backupPolicy).toEqual({ fullEvery: 7 });
  });

  it('should answer a manual backup while one runs with CONFLICT and the running job id, and skip the scheduled one', async () => {
    // Every query of the org fails (retryably) until the rule goes: the backup stays unfinished meanwhile.
    const fault = h.sandbox.faults.add({ kind: 'query', orgId: org.orgId, errorCode: 'SERVER_UNAVAILABLE', errorRate: 1 });
    try {
      const running = await h.startBackup(orgId, { objects: OBJECTS });
      const second = await q('mutation($orgId: ID!) { startBackup(orgId: $orgId, mode: INCREMENTAL) { id } }', { orgId });
      expect(codeOf(second)).toBe('CONFLICT');
      expect(second.errors![0]!.extensions!.jobId).toBe(running);
      expect(second.data).toBeNull();
      expect(await occurrence()).toMatchObject({ skipped: 'BACKUP_RUNNING', jobId: running });
      // Only the running backup was recorded.
      expect((await h.db.collection('backups').find({ orgId }).toArray()).map((b) => b.jobId)).toEqual([running]);
      await gqlData(h.api.url, h.key, 'mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: running });
      await h.waitForBackup(orgId, running);
    } finally {
      h.sandbox.faults.remove(fault.id);
    }
  }, 300_000);

  it('should run policy backups, prune what retention drops without breaking chains, and keep every kept snapshot equal to the sandbox as of its backup', async () => {
    await gqlData(h.api.url, h.key, 'mutation($orgId: ID!, $policy: BackupPolicyInput!) { setBackupPolicy(orgId: $orgId, policy: $policy) { orgId } }', { orgId, policy: { objects: OBJECTS, at: '03:30', retention: { daily: 1 } } });
    // 1. A scheduled occurrence: the first backup of the policy is FULL.
    const first = await occurrence();
    expect(first).toMatchObject({ started: true, mode: 'FULL' });
    const b1 = await backupIdOfJob(first.jobId);
    await mutate();
    // 2. The next one builds on it.
    const second = await occurrence();
    expect(second).toMatchObject({ started: true, mode: 'INCREMENTAL' });
    const b2 = await backupIdOfJob(second.jobId);
    const doomedFiles = (await h.db.collection('backupFiles.files').find({ 'metadata.backupId': { $in: [b1, b2] } }).toArray()).map((f) => String(f._id));
    expect(doomedFiles.length).toBeGreaterThanOrEqual(8);
    // b2's changes against b1: Ids created, updated and deleted in both objects, one chunk each (b1, the first, has none).
    expect(await changeChunks(b1)).toEqual({ recorded: 0, stored: 0 });
    expect(await changeChunks(b2)).toEqual({ recorded: 6, stored: 6 });
    await mutate();
    // 3. A manual FULL, asked of two API processes at once: exactly one runs, the other is answered CONFLICT.
    const both = await Promise.all([h.api.url, secondApi.url].map((url) => q('mutation($orgId: ID!, $objects: [String!]) { startBackup(orgId: $orgId, objects: $objects) { id } }', { orgId, objects: OBJECTS }, h.key, url)));
    const won = both.filter((r) => r.errors === undefined);
    expect(won).toHaveLength(1);
    expect(both.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(1);
    const b3 = await backupIdOfJob(won[0]!.data!.startBackup.id);
    const at3 = dataNow();
    await mutate();
    // 4. A scheduled INCREMENTAL on the manual FULL.
    const fourth = await occurrence();
    expect(fourth).toMatchObject({ started: true, mode: 'INCREMENTAL' });
    const b4 = await backupIdOfJob(fourth.jobId);
    const at4 = dataNow();
    const b4Doc = await h.db.collection('backups').findOne({ _id: b4 as never });
    expect((b4Doc!.objects as { baseBackupId: string }[]).map((o) => o.baseBackupId)).toEqual([b3, b3]);

    // Retention (daily 1): the newest backup of today (b4) and the FULL it builds on (b3); b1 and b2 are pruned
    // by the prune jobs that follow successful backups. The cancelled backup waits a day for a retry.
    const list = await eventually(
      'b1 and b2 to be pruned',
      async () => (await gqlData(h.api.url, h.key, 'query($orgId: ID!) { backups(orgId: $orgId) { id status keptBy expiresAt } }', { orgId })).backups as { id: string; status: string; keptBy: string[]; expiresAt: string | null }[],
      (backups) => !backups.some((b) => b.id === b1 || b.id === b2),
      { timeoutMs: 120_000 },
    );
    const byId = new Map(list.map((b) => [b.id, b]));
    expect(byId.get(b4)).toMatchObject({ keptBy: ['LATEST', 'DAILY'], expiresAt: null });
    expect(byId.get(b3)).toMatchObject({ keptBy: ['CHAIN_BASE'], expiresAt: null });
    // Anything else is the earlier test's cancelled backup, which waits a day for a retry of its job.
    for (const other of list.filter((b) => b.id !== b3 && b.id !== b4)) {
      expect(other).toMatchObject({ status: 'CANCELLED', keptBy: [] });
      expect(Date.parse(other.expiresAt!)).toBeGreaterThan(Date.now() + 3_600_000);
    }

    // The database: records and files of b1 and b2 are gone, chunks too.
    await eventually('the pruned files to be gone', async () => (await h.db.collection('backupFiles.files').countDocuments({ 'metadata.backupId': { $in: [b1, b2] } })) === 0);
    expect(await h.db.collection('backups').countDocuments({ _id: { $in: [b1, b2] } as never })).toBe(0);
    for (const fileId of doomedFiles) expect(await h.db.collection('backupFiles.chunks').findOne({ _id: `${fileId}#0` as never }), fileId).toBeNull();
    expect(await h.db.collection('backupFiles.chunks').countDocuments({ files_id: { $in: doomedFiles } })).toBe(0);
    // Their `backupChanges` chunks are gone with them; the kept backups keep every chunk they recorded.
    expect(await h.db.collection('backupChanges').countDocuments({ backupId: { $in: [b1, b2] } })).toBe(0);
    expect(await changeChunks(b3)).toEqual({ recorded: 6, stored: 6 });
    expect(await changeChunks(b4)).toEqual({ recorded: 6, stored: 6 });

    // Every kept backup still reads as the sandbox was when it ran.
    for (const object of OBJECTS) {
      expect(await snapshot(b3, object), `${object} at b3`).toEqual(at3[object]);
      expect(await snapshot(b4, object), `${object} at b4`).toEqual(at4[object]);
    }

    // `longhaul backups list <org>` shows the same.
    const table = await runCli(['backups', 'list', orgId], { url: h.api.url, apiKey: h.key });
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe('policy: daily at 03:30 UTC, FULL every 7 days, keep daily 1 weekly 0 monthly 0');
    expect(lines.find((l) => l.startsWith(b3))).toContain('CHAIN_BASE');
    expect(lines.find((l) => l.startsWith(b4))).toContain('LATEST,DAILY');
    const json = await runCli(['backups', 'list', orgId, '--json'], { url: h.api.url, apiKey: h.key });
    expect((JSON.parse(json.stdout) as { backups: { id: string }[] }).backups.map((b) => b.id)).toEqual(list.map((b) => b.id));
    const other = await runCli(['backups', 'list', orgId], { url: h.api.url, apiKey: TEST_KEYS.tenantB });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('NOT_FOUND');
  }, 600_000);
});
