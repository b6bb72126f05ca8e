import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, isScalarType, type GraphQLInputType } from 'graphql';
import { collect, gql, gqlData, wsClient } from '../support/graphqlClient.ts';
import { TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { backupAndWait, connectSandboxOrg, waitForJob } from '../support/salesforceFlow.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import type { OrgHandle, Sandbox } from '../../src/sandbox/index.ts';
import type { Bus } from '../../src/bus/bus.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobService } from '../../src/engine/jobService.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { TenantQuotaStore } from '../../src/engine/tenantQuotaStore.ts';
import { JobTypeRegistry } from '../../src/engine/jobTypeRegistry.ts';
import { BACKUP_JOB_TYPE, BackupJobInput, EXPORT_JOB_TYPE, ExportJobInput, RESTORE_JOB_TYPE, RestoreJobInput } from '../../src/jobs/salesforce/index.ts';
import { BackupStore, ExportStore, RestoreStore } from '../../src/storage/index.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;
const OPERATOR = TEST_KEYS.operator;

/** Collections holding what a tenant owns; none may change when another tenant names its ids. */
const OWNED_COLLECTIONS = ['agendaJobs', 'jobHistory', 'jobLogs', 'orgs', 'backups', 'backupFiles.files', 'restores', 'restoreResults', 'restoreIdMap', 'restoreInFlight', 'exports', 'exportFiles.files', 'exportLookups', 'diagnostics', 'backupChanges', 'dataChangeRules', 'backupPolicies', 'backupLeases', 'schedules', 'scheduleRuns'];

/** A digest of every document of the owned collections: equal digests, nothing written. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of OWNED_COLLECTIONS) {
    const docs = await db.collection(name).find({}).toArray();
    const lines = docs.map((d) => JSON.stringify(d)).sort();
    out[name] = `${docs.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** Every argument (or input field) of type `ID` of every field of the schema, as `Type.field(arg.path)`. */
function idArguments(): string[] {
  const dir = fileURLToPath(new URL('../../schema/', import.meta.url));
  const sdl = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => readFileSync(`${dir}${f}`, 'utf8'))
    .join('\n');
  const schema = buildSchema(sdl);
  const paths = (type: GraphQLInputType, depth: number): string[] => {
    const named = getNamedType(type);
    if (isScalarType(named)) return named.name === 'ID' ? [''] : [];
    if (!isInputObjectType(named) || depth > 5) return [];
    return Object.values(named.getFields()).flatMap((f) => paths(f.type, depth + 1).map((p) => `.${f.name}${p}`));
  };
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) for (const arg of field.args) for (const p of paths(arg.type, 0)) found.push(`${type.name}.${field.name}(${arg.name}${p})`);
  }
  return found;
}

/** HTTP routes of `src/http/` that take an id in their path (`const PATH = /^\/<name>\/(...)`), as `GET /<name>/:id`. */
function idRoutes(): string[] {
  const dir = fileURLToPath(new URL('../../src/http/', import.meta.url));
  const routes: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(`${dir}${file}`, 'utf8').matchAll(/const PATH = \/\^\\\/([a-z]+)\\\/\(/g)) routes.push(`GET /${m[1]}/:id`);
  }
  return routes;
}

/** What tenant A owns, created through the API. */
interface Owned {
  orgId: string;
  backupId: string;
  exportId: string;
  restoreId: string;
  /** A finished job (the backup's). */
  jobId: string;
  /** A job parked in the debug queue. */
  debugJobId: string;
  diagnosticId: string;
  workerId: string;
  /** A paused schedule. */
  scheduleId: string;
}

/**
 * One row per ID-taking field or route: tenant B's call naming tenant A's id, and the field's
 * documented answer (asserted inside `call`). `exempt` rows name ids that are not longhaul records.
 */
interface Row {
  name: string;
  call?: (a: Owned) => Promise<void>;
  exempt?: string;
}

describe('tenancy: another tenant’s ids are not found, and nothing is written or called', () => {
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let api: LonghaulProcess;
  let db: Db;
  let origin: string;
  let orgA: OrgHandle;
  let owned: Owned;
  let own: { orgId: string; backupId: string; exportId: string; restoreId: string };

  const q = (key: string, query: string, variables: Record<string, unknown> = {}) => gql(api.url, key, query, variables);
  const codeOf = (res: Awaited<ReturnType<typeof q>>) => res.errors?.[0]?.extensions?.code as string | undefined;

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'tenancy', role: 'all', apiEnv: { LONGHAUL_WORKERS: '1' } });
    ({ sandbox, api, db } = stack);
    origin = new URL(api.url).origin;

    orgA = addTestOrg(sandbox, { size: { Account: 20 }, seed: 11 });
    const orgId = await connectSandboxOrg(api.url, A, sandbox, orgA);
    const backupId = await backupAndWait(api.url, A, orgId, ['Account']);
    const { backups } = await gqlData(api.url, A, 'query($orgId: ID!) { backups(orgId: $orgId) { id job { id } } }', { orgId });
    const exp = await gqlData(api.url, A, 'mutation($input: StartExportInput!) { startExport(input: $input) { id input } }', { input: { backupId, object: 'Account' } });
    expect((await waitForJob(api.url, A, exp.startExport.id)).state).toBe('SUCCEEDED');
    const restore = await gqlData(api.url, A, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id input } }', { input: { backupId, targetOrgId: orgId, dryRun: true } });
    expect((await waitForJob(api.url, A, restore.startRestore.id)).state).toBe('SUCCEEDED');
    const flaky = await gqlData(api.url, A, 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }', { input: { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 } });
    expect((await waitForJob(api.url, A, flaky.createJob.id)).state).toBe('DEBUG');
    const workers = await gqlData(api.url, OPERATOR, '{ monitoring { workers { id role } } }');
    const workerId = workers.monitoring.workers.find((w: { role: string }) => w.role === 'worker').id as string;
    // A diagnostic of A's job (written by the engine for hung jobs; inserted here as the engine would).
    const diagnosticId = `diag-${randomBytes(6).toString('hex')}`;
    await db.collection('diagnostics').insertOne({ _id: diagnosticId as never, kind: 'REPORT', workerId, jobId: flaky.createJob.id, tenantId: 'tenantA', reason: 'test', createdAt: new Date(), bytes: 0, eventLoopDelayMs: null });
    const schedule = await gqlData(api.url, A, 'mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { id } }', { input: { name: 'nightly', jobType: 'demo.count', input: { to: 1 }, cron: '0 3 * * *', enabled: false } });
    owned = { orgId, backupId, exportId: exp.startExport.input.exportId, restoreId: restore.startRestore.input.restoreId, jobId: backups[0].job.id, debugJobId: flaky.createJob.id, diagnosticId, workerId, scheduleId: schedule.createSchedule.id };

    // B's own things, for the calls that mix B's ids with A's.
    const ownOrgId = await connectSandboxOrg(api.url, B, sandbox, addTestOrg(sandbox, { size: { Account: 5 }, seed: 12 }));
    const ownBackupId = await backupAndWait(api.url, B, ownOrgId, ['Account']);
    const ownExport = await gqlData(api.url, B, 'mutation($input: StartExportInput!) { startExport(input: $input) { id input } }', { input: { backupId: ownBackupId, object: 'Account' } });
    expect((await waitForJob(api.url, B, ownExport.startExport.id)).state).toBe('SUCCEEDED');
    const ownRestore = await gqlData(api.url, B, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id input } }', { input: { backupId: ownBackupId, targetOrgId: ownOrgId, dryRun: true } });
    expect((await waitForJob(api.url, B, ownRestore.startRestore.id)).state).toBe('SUCCEEDED');
    own = { orgId: ownOrgId, backupId: ownBackupId, exportId: ownExport.startExport.input.exportId, restoreId: ownRestore.startRestore.input.restoreId };
  }, 300_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  const rows: Row[] = [
    { name: 'Query.job(id)', call: async (a) => expect((await q(B, 'query($id: ID!) { job(id: $id) { id } }', { id: a.jobId })).data?.job).toBeNull() },
    { name: 'Query.org(id)', call: async (a) => expect((await q(B, 'query($id: ID!) { org(id: $id) { id } }', { id: a.orgId })).data?.org).toBeNull() },
    { name: 'Query.backups(orgId)', call: async (a) => expect(codeOf(await q(B, 'query($id: ID!) { backups(orgId: $id) { id } }', { id: a.orgId }))).toBe('NOT_FOUND') },
    { name: 'Query.backup(id)', call: async (a) => expect((await q(B, 'query($id: ID!) { backup(id: $id) { id } }', { id: a.backupId })).data?.backup).toBeNull() },
    {
      name: 'Query.backupChanges(backupId)',
      call: async (a) => expect(codeOf(await q(B, 'query($id: ID!) { backupChanges(backupId: $id, object: "Account", kind: DELETED) { ids } }', { id: a.backupId }))).toBe('NOT_FOUND'),
    },
    { name: 'Query.dataChangeAlertRules(orgId)', call: async (a) => expect(codeOf(await q(B, 'query($id: ID!) { dataChangeAlertRules(orgId: $id) { isDefault } }', { id: a.orgId }))).toBe('NOT_FOUND') },
    {
      name: 'Mutation.setDataChangeAlertRules(orgId)',
      call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { setDataChangeAlertRules(orgId: $id, rules: []) { isDefault } }', { id: a.orgId }))).toBe('NOT_FOUND'),
    },
    { name: 'Query.restore(id)', call: async (a) => expect((await q(B, 'query($id: ID!) { restore(id: $id) { id } }', { id: a.restoreId })).data?.restore).toBeNull() },
    { name: 'Query.export(id)', call: async (a) => expect((await q(B, 'query($id: ID!) { export(id: $id) { id } }', { id: a.exportId })).data?.export).toBeNull() },
    { name: 'Query.schedule(id)', call: async (a) => expect((await q(B, 'query($id: ID!) { schedule(id: $id) { id } }', { id: a.scheduleId })).data?.schedule).toBeNull() },
    { name: 'Mutation.updateSchedule(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { updateSchedule(id: $id, input: { name: "x" }) { id } }', { id: a.scheduleId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.pauseSchedule(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id: a.scheduleId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.resumeSchedule(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { resumeSchedule(id: $id) { id } }', { id: a.scheduleId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.deleteSchedule(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { deleteSchedule(id: $id) { id } }', { id: a.scheduleId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.cancelJob(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: a.debugJobId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.retryJob(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { retryJob(id: $id) { id } }', { id: a.jobId }))).toBe('NOT_FOUND') },
    { name: 'Query.backupPolicy(orgId)', call: async (a) => expect(codeOf(await q(B, 'query($id: ID!) { backupPolicy(orgId: $id) { orgId } }', { id: a.orgId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.setBackupPolicy(orgId)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { setBackupPolicy(orgId: $id, policy: {}) { orgId } }', { id: a.orgId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.removeBackupPolicy(orgId)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { removeBackupPolicy(orgId: $id) }', { id: a.orgId }))).toBe('NOT_FOUND') },
    { name: 'Mutation.startBackup(orgId)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { startBackup(orgId: $id, objects: ["Account"]) { id } }', { id: a.orgId }))).toBe('NOT_FOUND') },
    {
      name: 'Mutation.startExport(input.backupId)',
      call: async (a) => expect(codeOf(await q(B, 'mutation($input: StartExportInput!) { startExport(input: $input) { id } }', { input: { backupId: a.backupId, object: 'Account' } }))).toBe('NOT_FOUND'),
    },
    {
      name: 'Mutation.startRestore(input.backupId)',
      call: async (a) => expect(codeOf(await q(B, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id } }', { input: { backupId: a.backupId, targetOrgId: own.orgId } }))).toBe('NOT_FOUND'),
    },
    {
      name: 'Mutation.startRestore(input.targetOrgId)',
      call: async (a) => expect(codeOf(await q(B, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id } }', { input: { backupId: own.backupId, targetOrgId: a.orgId } }))).toBe('NOT_FOUND'),
    },
    {
      name: 'Mutation.createJobs(inputs)',
      call: async (a) => {
        // A batch naming A's records through an internal type is refused whole, at the item that does.
        const inputs = [{ type: 'demo.count', input: { to: 1 } }, { type: BACKUP_JOB_TYPE, input: { backupId: a.backupId, orgId: a.orgId, objects: ['Account'] } }];
        const res = await q(B, 'mutation($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { id } }', { inputs });
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INTERNAL_JOB_TYPE', index: 1 });
      },
    },
    { name: 'Mutation.startRestore(input.recordIds)', exempt: 'Salesforce record Ids: a filter over the caller’s own backup' },
    { name: 'Mutation.startRestore(input.ownerMappings.sourceId)', exempt: 'Salesforce User Ids of the caller’s own orgs' },
    { name: 'Mutation.startRestore(input.ownerMappings.targetId)', exempt: 'Salesforce User Ids of the caller’s own orgs' },
    { name: 'Mutation.startRestore(input.recordTypeMappings.sourceId)', exempt: 'Salesforce RecordType Ids of the caller’s own orgs' },
    { name: 'Mutation.startRestore(input.recordTypeMappings.targetId)', exempt: 'Salesforce RecordType Ids of the caller’s own orgs' },
    // Operator actions: a tenant key is refused before any id is looked at.
    { name: 'Mutation.rerunInDebug(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { rerunInDebug(id: $id) { id } }', { id: a.debugJobId }))).toBe('FORBIDDEN') },
    { name: 'Mutation.requeueFromDebug(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { requeueFromDebug(id: $id) { id } }', { id: a.debugJobId }))).toBe('FORBIDDEN') },
    { name: 'Mutation.discardDebugJob(id)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { discardDebugJob(id: $id, reason: "x") { id } }', { id: a.debugJobId }))).toBe('FORBIDDEN') },
    { name: 'Mutation.captureDiagnostics(workerId)', call: async (a) => expect(codeOf(await q(B, 'mutation($id: ID!) { captureDiagnostics(workerId: $id) { id } }', { id: a.workerId }))).toBe('FORBIDDEN') },
    {
      name: 'Monitoring.diagnostics(jobId)',
      call: async (a) => {
        expect((await q(B, 'query($id: ID) { monitoring { diagnostics(jobId: $id) { id } } }', { id: a.debugJobId })).data?.monitoring.diagnostics).toEqual([]);
        // The row can fail: the owner (and operators) do see it.
        expect((await gqlData(api.url, A, 'query($id: ID) { monitoring { diagnostics(jobId: $id) { id } } }', { id: a.debugJobId })).monitoring.diagnostics).toEqual([{ id: a.diagnosticId }]);
      },
    },
    {
      name: 'Monitoring.diagnostics(workerId)',
      call: async (a) => expect((await q(B, 'query($id: ID) { monitoring { diagnostics(workerId: $id) { id } } }', { id: a.workerId })).data?.monitoring.diagnostics).toEqual([]),
    },
    {
      name: 'Subscription.jobProgress(id)',
      call: async (a) => {
        const client = wsClient(api.url, B);
        try {
          const { items, errors } = await collect(client, 'subscription($id: ID!) { jobProgress(id: $id) { kind } }', { id: a.jobId }, { timeoutMs: 10_000 });
          expect(items).toEqual([]);
          expect(JSON.stringify(errors)).toContain('NOT_FOUND');
        } finally {
          await client.dispose();
        }
      },
    },
    {
      name: 'GET /exports/:id',
      call: async (a) => {
        const res = await fetch(`${origin}/exports/${a.exportId}`, { headers: { authorization: `Bearer ${B}` } });
        expect(res.status).toBe(404);
        expect((await fetch(`${origin}/exports/${a.exportId}`, { headers: { authorization: `Bearer ${A}` } })).status).toBe(200);
      },
    },
    {
      name: 'GET /diagnostics/:id',
      call: async (a) => expect((await fetch(`${origin}/diagnostics/${a.diagnosticId}`, { headers: { authorization: `Bearer ${B}` } })).status).toBe(403),
    },
  ];

  it('should have a row for every ID-taking field of the schema and every HTTP route taking an id', () => {
    const covered = new Set(rows.map((r) => r.name));
    const missing = [...idArguments(), ...idRoutes()].filter((name) => !covered.has(name));
    expect(missing, 'add a row to this table for each').toEqual([]);
    expect(idRoutes()).toEqual(expect.arrayContaining(['GET /exports/:id', 'GET /diagnostics/:id']));
  });

  it.each(rows.filter((r) => r.call !== undefined).map((r) => [r.name, r] as const))('%s: tenant B naming tenant A’s id finds nothing and writes nothing', async (_, row) => {
    const usedBefore = orgA.summary().apiUsage.used;
    const before = await fingerprint(db);
    await row.call!(owned);
    expect(await fingerprint(db)).toEqual(before);
    expect(orgA.summary().apiUsage.used).toBe(usedBefore);
  }, 60_000);

  describe('the exploit of issue 11', () => {
    it('should refuse createJob of the internal job types, list only public types, and write nothing', async () => {
      const before = await fingerprint(db);
      const attempts = [
        { type: EXPORT_JOB_TYPE, input: { exportId: own.exportId, backupId: owned.backupId, object: 'Account' } },
        { type: RESTORE_JOB_TYPE, input: { restoreId: own.restoreId, backupId: owned.backupId, targetOrgId: owned.orgId } },
        { type: BACKUP_JOB_TYPE, input: { backupId: owned.backupId, orgId: owned.orgId, objects: ['Account'] } },
      ];
      for (const input of attempts) {
        const res = await q(B, 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }', { input });
        expect(res.errors?.[0]?.extensions, input.type).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INTERNAL_JOB_TYPE' });
      }
      expect(await fingerprint(db)).toEqual(before);
      const { jobTypes } = await gqlData(api.url, B, '{ jobTypes { name } }');
      const names = jobTypes.map((t: { name: string }) => t.name);
      expect(names).toContain('demo.count');
      expect(names.filter((n: string) => n.startsWith('salesforce.'))).toEqual([]);
    });

    it('should fail an internal job naming another tenant’s records at once, calling and writing nothing of theirs', async () => {
      // The internal door the domain services use, opened here as if a service had a bug: B's own
      // records that name A's backup and A's org, and jobs of B naming them.
      const registry = new JobTypeRegistry();
      const stub = () => Promise.reject(new Error('not run here'));
      registry.register({ name: BACKUP_JOB_TYPE, description: '', visibility: 'internal', input: BackupJobInput, run: stub });
      registry.register({ name: RESTORE_JOB_TYPE, description: '', visibility: 'internal', input: RestoreJobInput, run: stub });
      registry.register({ name: EXPORT_JOB_TYPE, description: '', visibility: 'internal', input: ExportJobInput, run: stub });
      const silentBus = { publish: async () => undefined } as unknown as Bus;
      const repository = new AgendaJobRepository(db);
      const jobs = new JobService(repository, new JobLogStore(db, repository), new TenantQuotaStore(db), silentBus, registry, new JobEventPublisher(silentBus));
      const callerB = { tenantId: 'tenantB', operator: false };
      const backupRecord = await new BackupStore(db).create({ tenantId: 'tenantB', orgId: owned.orgId, mode: 'FULL', objects: ['Account'] });
      const exportRecord = await new ExportStore(db).create({ tenantId: 'tenantB', backupId: owned.backupId, orgId: owned.orgId, object: 'Account', fields: null, filter: [] });
      const restoreRecord = await new RestoreStore(db).create({
        tenantId: 'tenantB', backupId: own.backupId, sourceOrgId: own.orgId, targetOrgId: owned.orgId, mode: 'UPSERT', dryRun: false, objects: null, recordIds: null, ownerMappings: [], recordTypeMappings: [],
      });
      const aBefore = await ownedByA();
      const usedBefore = orgA.summary().apiUsage.used;
      const created = [
        { store: new BackupStore(db), id: backupRecord.id, job: await jobs.createInternal(callerB, { type: BACKUP_JOB_TYPE, input: { backupId: backupRecord.id, orgId: owned.orgId, objects: ['Account'] } }) },
        { store: new ExportStore(db), id: exportRecord.id, job: await jobs.createInternal(callerB, { type: EXPORT_JOB_TYPE, input: { exportId: exportRecord.id, backupId: owned.backupId, object: 'Account' } }) },
        { store: new RestoreStore(db), id: restoreRecord.id, job: await jobs.createInternal(callerB, { type: RESTORE_JOB_TYPE, input: { restoreId: restoreRecord.id, backupId: own.backupId, targetOrgId: owned.orgId } }) },
        // B's own export record, but A's backup in the input.
        { store: new ExportStore(db), id: own.exportId, job: await jobs.createInternal(callerB, { type: EXPORT_JOB_TYPE, input: { exportId: own.exportId, backupId: owned.backupId, object: 'Account' } }) },
      ];
      await new BackupStore(db).attachJob('tenantB', backupRecord.id, created[0]!.job.id);
      await new ExportStore(db).attachJob('tenantB', exportRecord.id, created[1]!.job.id);
      await new RestoreStore(db).attachJob('tenantB', restoreRecord.id, created[2]!.job.id);
      for (const { job } of created) {
        const done = await waitForJob(api.url, B, job.id, 'attempts lastError { code }');
        expect(done, job.type).toMatchObject({ state: 'DEBUG', attempts: 1, lastError: { code: 'RECORD_NOT_FOUND' } });
      }
      // Nothing of A's was read into B's files, written, or called.
      expect(await ownedByA()).toEqual(aBefore);
      expect(orgA.summary().apiUsage.used).toBe(usedBefore);
      expect(await db.collection('backupFiles.files').countDocuments({ 'metadata.backupId': backupRecord.id })).toBe(0);
      expect(await db.collection('exportFiles.files').countDocuments({ _id: exportRecord.id as never })).toBe(0);
      expect(await db.collection('exportLookups').countDocuments({ exportId: exportRecord.id })).toBe(0);
      expect(await db.collection('restoreResults').countDocuments({ restoreId: restoreRecord.id })).toBe(0);
      // B's own records follow their jobs: the ones it queued are FAILED with the reason; the finished export stays as it was.
      expect(await new BackupStore(db).get('tenantB', backupRecord.id)).toMatchObject({ status: 'FAILED', error: { code: 'RECORD_NOT_FOUND' } });
      expect(await new ExportStore(db).get('tenantB', exportRecord.id)).toMatchObject({ status: 'FAILED', error: { code: 'RECORD_NOT_FOUND' } });
      expect(await new RestoreStore(db).get('tenantB', restoreRecord.id)).toMatchObject({ status: 'FAILED', error: { code: 'RECORD_NOT_FOUND' } });
      expect(await new ExportStore(db).get('tenantB', own.exportId)).toMatchObject({ status: 'SUCCEEDED' });
    }, 120_000);

    it('should leave a record CANCELLED when its job is cancelled before it runs', async () => {
      const registry = new JobTypeRegistry().register({ name: BACKUP_JOB_TYPE, description: '', visibility: 'internal', input: BackupJobInput, run: () => Promise.reject(new Error('not run here')) });
      const silentBus = { publish: async () => undefined } as unknown as Bus;
      const repository = new AgendaJobRepository(db);
      const jobs = new JobService(repository, new JobLogStore(db, repository), new TenantQuotaStore(db), silentBus, registry, new JobEventPublisher(silentBus));
      const backups = new BackupStore(db);
      const record = await backups.create({ tenantId: 'tenantB', orgId: own.orgId, mode: 'FULL', objects: ['Account'] });
      const job = await jobs.createInternal({ tenantId: 'tenantB', operator: false }, { type: BACKUP_JOB_TYPE, input: { backupId: record.id, orgId: own.orgId, objects: ['Account'] }, runAt: new Date(Date.now() + 3_600_000) });
      await backups.attachJob('tenantB', record.id, job.id);
      const cancelled = await gqlData(api.url, B, 'mutation($id: ID!) { cancelJob(id: $id) { state } }', { id: job.id });
      expect(cancelled.cancelJob.state).toBe('CANCELLED');
      const { backup } = await gqlData(api.url, B, 'query($id: ID!) { backup(id: $id) { status } }', { id: record.id });
      expect(backup.status).toBe('CANCELLED');
    });
  });

  /** A's records, as stored. */
  async function ownedByA(): Promise<unknown> {
    const of = async (name: string) => (await db.collection(name).find({ tenantId: 'tenantA' }).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
    return { orgs: await of('orgs'), backups: await of('backups'), exports: await of('exports'), restores: await of('restores'), files: await db.collection('backupFiles.files').countDocuments({}) };
  }
});
