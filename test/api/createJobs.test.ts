import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';
import { countJobDocuments } from '../support/jobDocuments.ts';
import { startMonitoredApi, type MonitoredApi } from '../support/monitoredApi.ts';

const { tenantA: A, tenantB: B, tenantC: C, operator: OPS } = TEST_KEYS;
const CREATE_JOBS = 'mutation($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { id type state input idempotencyKey } }';
const CREATE_JOB = 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }';
const count = (to: number, extra: Record<string, unknown> = {}) => ({ type: 'demo.count', input: { to }, ...extra });

describe('createJobs on a real server and worker', () => {
  const dbName = uniqueDatabaseName('batch');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  const jobsOf = (tenantId: string, filter: Record<string, unknown> = {}) => countJobDocuments(mongo.db(dbName), { tenantId, ...filter });

  beforeAll(async () => {
    // A long lock lifetime: on a loaded machine a burst's claims wait long in Agenda's local queue, and Agenda drops
    // (and relocks) a claim that waited past it (issue 14), which slows the burst down without telling anything about batches.
    app = await startLonghaul('all', dbName, { LONGHAUL_WORKERS: '1', LONGHAUL_LOCK_LIFETIME_MS: '120000' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should create a batch of 200 jobs that all run, and return their ids in input order', async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => count(i % 3));
    const { createJobs } = await gqlData(app.url, A, CREATE_JOBS, { inputs });
    expect(createJobs).toHaveLength(200);
    expect(createJobs.map((j: { input: { to: number } }) => j.input.to)).toEqual(inputs.map((i) => i.input.to));
    expect(createJobs.every((j: { state: string; type: string }) => j.state === 'QUEUED' && j.type === 'demo.count')).toBe(true);
    expect(new Set(createJobs.map((j: { id: string }) => j.id)).size).toBe(200);
    // Each returned id is the job stored with that input.
    for (const index of [0, 1, 2, 100, 199]) {
      const { job } = await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { input } }', { id: createJobs[index].id });
      expect(job.input.to).toBe(index % 3);
    }
    await eventually('200 jobs SUCCEEDED', () => jobsOf('tenantA', { state: 'SUCCEEDED' }), (n) => n === 200, { timeoutMs: 400_000, intervalMs: 500 });
    expect(await jobsOf('tenantA')).toBe(200);
  }, 500_000);

  it.each([
    ['an unknown type', { type: 'demo.nope', input: {} }, 'UNKNOWN_JOB_TYPE'],
    ['an internal type', { type: 'salesforce.backup', input: { backupId: 'x', orgId: 'y', objects: ['Account'] } }, 'INTERNAL_JOB_TYPE'],
    ['input failing its schema', { type: 'demo.count', input: { to: -1 } }, 'INVALID_JOB_INPUT'],
    ['a priority out of the tenant range', count(1, { priority: 11 }), 'INVALID_JOB_INPUT'],
    ['too many attempts', count(1, { maxAttempts: 1000 }), 'INVALID_JOB_INPUT'],
  ])('should refuse a batch of 50 whose item 7 has %s, with its index, writing nothing', async (what, bad, reason) => {
    const inputs = Array.from({ length: 50 }, (_, i) => (i === 7 ? bad : count(1, { idempotencyKey: `refused-${what}-${i}` })));
    const before = await jobsOf('tenantB');
    const res = await gql(app.url, B, CREATE_JOBS, { inputs });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 7, reason });
    expect(res.errors?.[0]?.message).toMatch(/^inputs\[7\]: /);
    expect(await jobsOf('tenantB')).toBe(before);
    // Nothing was counted against the tenant's quota either: the same batch, fixed, goes through whole.
    const fixed = await gqlData(app.url, B, CREATE_JOBS, { inputs: inputs.map((input, i) => (i === 7 ? count(1) : input)) });
    expect(fixed.createJobs).toHaveLength(50);
    expect(await jobsOf('tenantB')).toBe(before + 50);
  });

  it('should honour idempotency keys per item: a resubmitted batch returns the same jobs and stores nothing new', async () => {
    const key = (i: number) => `idem-${i}`;
    // One key used before the batch, by createJob.
    const earlier = await gqlData(app.url, C, CREATE_JOB, { input: count(1, { idempotencyKey: key(3) }) });
    // Items 5 and 6 share a key inside the batch; items 8 and 9 have no key.
    const inputs = Array.from({ length: 10 }, (_, i) => count(1, i >= 8 ? {} : { idempotencyKey: key(i === 6 ? 5 : i) }));
    const first = (await gqlData(app.url, C, CREATE_JOBS, { inputs })).createJobs as { id: string; idempotencyKey: string | null }[];
    expect(first[3]!.id).toBe(earlier.createJob.id);
    expect(first[6]!.id).toBe(first[5]!.id);
    expect(new Set(first.map((j) => j.id)).size).toBe(9);
    expect(first.map((j) => j.idempotencyKey)).toEqual([key(0), key(1), key(2), key(3), key(4), key(5), key(5), key(7), null, null]);
    const stored = await jobsOf('tenantC');
    expect(stored).toBe(1 + 8);

    const again = (await gqlData(app.url, C, CREATE_JOBS, { inputs: inputs.slice(0, 8) })).createJobs as { id: string }[];
    expect(again.map((j) => j.id)).toEqual(first.slice(0, 8).map((j) => j.id));
    expect(await jobsOf('tenantC')).toBe(stored);
  });

  it('should create jobs of the caller only: tenant B’s batch with A’s idempotency key gets a job of B’s, and A never sees it', async () => {
    const { createJob: aJob } = await gqlData(app.url, A, CREATE_JOB, { input: count(1, { idempotencyKey: 'shared-key' }) });
    const { createJobs } = await gqlData(app.url, B, CREATE_JOBS, { inputs: [count(1, { idempotencyKey: 'shared-key' }), count(1)] });
    expect(createJobs[0].id).not.toBe(aJob.id);
    for (const { id } of createJobs) {
      expect((await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { id } }', { id })).job).toBeNull();
      expect((await gqlData(app.url, B, 'query($id: ID!) { job(id: $id) { id } }', { id })).job).toEqual({ id });
    }
    expect(await countJobDocuments(mongo.db(dbName), { idempotencyKey: 'shared-key' })).toBe(2);
    // An operator's batch creates jobs of the operator's own tenant.
    const ops = await gqlData(app.url, OPS, CREATE_JOBS, { inputs: [count(1)] });
    expect((await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { id } }', { id: ops.createJobs[0].id })).job).toBeNull();
  });

  it('should return an empty list for an empty batch', async () => {
    expect((await gqlData(app.url, A, CREATE_JOBS, { inputs: [] })).createJobs).toEqual([]);
  });
});

describe('createJobs against the tenant limits', () => {
  const dbName = uniqueDatabaseName('batchquota');
  const env = { LONGHAUL_TENANT_MAX_QUEUED: '10', LONGHAUL_CREATE_JOBS_MAX: '8', LONGHAUL_TENANT_CREATES_PER_MINUTE: '0' };
  let api: LonghaulProcess;
  let mongo: MongoClient;
  const jobsOf = (tenantId: string) => countJobDocuments(mongo.db(dbName), { tenantId });

  beforeAll(async () => {
    // No worker: jobs stay queued, so they keep their places.
    api = await startLonghaul('serve', dbName, env);
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should refuse a batch larger than LONGHAUL_CREATE_JOBS_MAX with BAD_USER_INPUT, writing nothing', async () => {
    const res = await gql(api.url, A, CREATE_JOBS, { inputs: Array.from({ length: 9 }, () => count(1)) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'JOB_BATCH_TOO_LARGE', limit: 8 });
    expect(res.errors?.[0]?.message).toContain('LONGHAUL_CREATE_JOBS_MAX');
    expect(await jobsOf('tenantA')).toBe(0);
  });

  it('should refuse whole a batch exceeding the tenant’s remaining quota, and take one that fits', async () => {
    await gqlData(api.url, B, CREATE_JOBS, { inputs: Array.from({ length: 4 }, () => count(1)) });
    // 4 waiting, 6 places left: 7 do not fit, none of them is created.
    const refused = await gql(api.url, B, CREATE_JOBS, { inputs: Array.from({ length: 7 }, () => count(1)) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 10 });
    expect(refused.status).toBe(429);
    expect(await jobsOf('tenantB')).toBe(4);
    const taken = await gqlData(api.url, B, CREATE_JOBS, { inputs: Array.from({ length: 6 }, () => count(1)) });
    expect(taken.createJobs).toHaveLength(6);
    expect(await jobsOf('tenantB')).toBe(10);
    // Full: a single job is refused too.
    expect((await gql(api.url, B, CREATE_JOB, { input: count(1) })).errors?.[0]?.extensions?.code).toBe('QUOTA_EXCEEDED');
  });

  it('should give the places of idempotent replays back, so that they never use up the quota', async () => {
    const keyed = Array.from({ length: 5 }, (_, i) => count(1, { idempotencyKey: `q-${i}` }));
    const first = await gqlData(api.url, C, CREATE_JOBS, { inputs: keyed });
    const replay = await gqlData(api.url, C, CREATE_JOBS, { inputs: keyed });
    expect(replay.createJobs.map((j: { id: string }) => j.id)).toEqual(first.createJobs.map((j: { id: string }) => j.id));
    // 5 waiting: 5 more fit.
    expect((await gqlData(api.url, C, CREATE_JOBS, { inputs: Array.from({ length: 5 }, () => count(1)) })).createJobs).toHaveLength(5);
    expect(await jobsOf('tenantC')).toBe(10);
  });
});

describe('database commands of a batch', () => {
  const dbName = uniqueDatabaseName('batchcmds');
  let monitored: MonitoredApi;

  beforeAll(async () => {
    monitored = await startMonitoredApi(dbName);
  }, 60_000);
  afterAll(async () => {
    await monitored?.close();
  });

  /**
   * The commands one `createJobs` call sends, by name and collection: the bus reader's own polling left out, and the
   * job counters' periodic flush (one `$inc` per `LONGHAUL_METRICS_FLUSH_MS` whatever was created, which lands inside
   * a call's window now and then).
   */
  const commandsOf = async (inputs: Record<string, unknown>[]) => {
    const isBackground = (e: CommandStartedEvent) =>
      (e.commandName === 'find' && (e.command.find === 'events' || e.command.find === 'counters')) || e.commandName === 'getMore' || (e.commandName === 'update' && (e.command.update === 'jobCounters' || e.command.update === 'jobFinishBuckets'));
    const isBatchTraffic = (e: CommandStartedEvent) => !isBackground(e);
    const { commands, api } = monitored;
    const before = commands.length;
    const { createJobs } = await gqlData(api.url, A, CREATE_JOBS, { inputs });
    expect(createJobs).toHaveLength(inputs.length);
    return commands
      .slice(before)
      .filter(isBatchTraffic)
      .map((e) => `${e.commandName} ${String(e.command[e.commandName])}`);
  };

  it('should create a batch of 100 in a few commands, as many as a batch of 10', async () => {
    // The tenant's quota document exists from here on, as it does for any tenant that created a job before.
    await commandsOf([count(1)]);
    const ten = await commandsOf(Array.from({ length: 10 }, (_, i) => count(1, { idempotencyKey: `ten-${i}` })));
    const hundred = await commandsOf(Array.from({ length: 100 }, (_, i) => count(1, { idempotencyKey: `hundred-${i}` })));
    console.info(`createJobs of 100 jobs: ${hundred.length} commands: ${hundred.join(', ')}`);
    expect(hundred.toSorted()).toEqual(ten.toSorted());
    expect(hundred.toSorted()).toEqual(['find agendaJobs', 'find jobHistory', 'findAndModify counters', 'insert agendaJobs', 'insert events', 'update tenantQuotas'].toSorted());
    const inserted = await monitored.client.db(dbName).collection('events').countDocuments({ topic: 'job', 'payload.kind': 'CREATED' });
    expect(inserted).toBe(111);
  });
});
