import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';
import { collect, gql, gqlData, wsClient } from '../support/graphqlClient.ts';
import { peakConcurrency } from '../support/peakConcurrency.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { waitForJobState } from '../support/jobState.ts';
import { eventually } from '../support/eventually.ts';
import { busListeners, waitForBusListeners } from '../support/busListeners.ts';
import { countJobDocuments, findJobDocuments } from '../support/jobDocuments.ts';

const JOB_FIELDS = 'id type state attempts maxAttempts progress { processed total fraction message } result checkpoint lastError { code message attempt } errors { code message attempt } createdAt startedAt finishedAt';
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { ${JOB_FIELDS} } }`;
const GET = `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`;
const PROGRESS = 'subscription($id: ID!, $after: String) { jobProgress(id: $id, after: $after) { position kind at gap job { id state attempts progress { processed total } } } }';

describe('job API over HTTP and WebSocket (longhaul all)', () => {
  const dbName = uniqueDatabaseName('api');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  const A = TEST_KEYS.tenantA;
  const B = TEST_KEYS.tenantB;

  const create = async (input: Record<string, unknown>, key: string = A) => (await gqlData(app.url, key, CREATE, { input })).createJob;
  const get = async (id: string, key: string = A) => (await gqlData(app.url, key, GET, { id })).job;
  const waitForState = (id: string, states: string[], timeoutMs?: number) => waitForJobState(app.url, A, id, states, { fields: JOB_FIELDS, timeoutMs });
  const countJobs = () => countJobDocuments(mongo.db(dbName));

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_MAX_DEPTH: '4' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should create a job at once and run it to SUCCEEDED with its result, progress and checkpoint', async () => {
    const job = await create({ type: 'demo.count', input: { to: 25, checkpointEvery: 5 } });
    expect(job.state).toBe('QUEUED');
    expect(job.id).toMatch(/^[0-9a-f]{24}$/);
    const done = await waitForState(job.id, ['SUCCEEDED', 'FAILED']);
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 1, result: { counted: 25 }, checkpoint: { next: 25 } });
    expect(done.progress).toMatchObject({ processed: 25, total: 25, fraction: 1 });
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));
  });

  it('should push a snapshot, then every change in order, and complete after the terminal state', async () => {
    const job = await create({ type: 'demo.count', input: { to: 30, delayMs: 20, checkpointEvery: 10 } });
    const client = wsClient(app.url, A);
    const { items, completed, errors } = await collect(client, PROGRESS, { id: job.id });
    await client.dispose();
    expect(errors).toEqual([]);
    expect(completed).toBe(true);
    expect(items[0].kind).toBe('SNAPSHOT');
    expect(items.at(-1)).toMatchObject({ kind: 'SUCCEEDED', job: { state: 'SUCCEEDED' } });
    const kinds = items.map((e) => e.kind);
    expect(kinds).toContain('PROGRESS');
    expect(kinds.indexOf('STARTED') === -1 || kinds.indexOf('STARTED') < kinds.lastIndexOf('PROGRESS')).toBe(true);
    const processed = items.map((e) => e.job.progress.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    const positions = items.slice(1).map((e) => e.position);
    expect(positions).toEqual([...positions].sort());
  });

  it('should replay what a reconnecting subscriber missed when it passes `after`', async () => {
    const job = await create({ type: 'demo.count', input: { to: 40, delayMs: 25, checkpointEvery: 10 } });
    const first = wsClient(app.url, A);
    const head = await collect(first, PROGRESS, { id: job.id }, { until: (e) => e.kind === 'PROGRESS' && e.job.progress.processed >= 5 });
    await first.dispose();
    const last = head.items.at(-1);
    await waitForState(job.id, ['SUCCEEDED']);
    const second = wsClient(app.url, A);
    const tail = await collect(second, PROGRESS, { id: job.id, after: last.position });
    await second.dispose();
    expect(tail.completed).toBe(true);
    expect(tail.items[0].kind).not.toBe('SNAPSHOT');
    expect(tail.items.every((e) => e.position > last.position)).toBe(true);
    expect(tail.items[0].job.progress.processed).toBeGreaterThanOrEqual(last.job.progress.processed);
    expect(tail.items.at(-1).kind).toBe('SUCCEEDED');
    const seen = [...head.items, ...tail.items].map((e) => e.job.progress.processed);
    expect(seen.at(-1)).toBe(40);
  });

  it('should coalesce progress: a job reporting 20,000 times stores and publishes far fewer updates', async () => {
    const job = await create({ type: 'demo.count', input: { to: 20_000, checkpointEvery: 10_000 } });
    const done = await waitForState(job.id, ['SUCCEEDED', 'FAILED']);
    expect(done.progress.processed).toBe(20_000);
    const progressEvents = await mongo.db(dbName).collection('events').countDocuments({ jobId: job.id, 'payload.kind': 'PROGRESS' });
    expect(progressEvents).toBeGreaterThan(0);
    expect(progressEvents).toBeLessThan(500);
  });

  it("should stream a tenant's job events to a dashboard subscription, filtered, and none of another tenant's", async () => {
    const clientA = wsClient(app.url, A);
    const clientB = wsClient(app.url, B);
    const query = 'subscription($filter: JobFilter) { jobEvents(filter: $filter) { kind job { id type state } } }';
    const listeners = await busListeners(app.url);
    const seenA = collect(clientA, query, { filter: { types: ['demo.flaky'] } }, { until: (e) => e.kind === 'SUCCEEDED' });
    const seenB = collect(clientB, query, {}, { timeoutMs: 4000 });
    // Both subscriptions listen on the bus once they reached the server.
    await waitForBusListeners(app.url, (n) => n >= listeners + 2);
    await create({ type: 'demo.count', input: { to: 1 } });
    const flaky = await create({ type: 'demo.flaky', input: { failures: 0 } });
    const [a, b] = await Promise.all([seenA, seenB]);
    await Promise.all([clientA.dispose(), clientB.dispose()]);
    expect(a.items.map((e) => e.job.type)).toEqual(a.items.map(() => 'demo.flaky'));
    expect(a.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['CREATED', 'STARTED', 'SUCCEEDED']));
    expect(a.items.every((e) => e.job.id === flaky.id)).toBe(true);
    expect(b.items).toEqual([]);
  });

  it('should never run more jobs of one type at once than its concurrency (10 for demo.count)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push((await create({ type: 'demo.count', input: { to: 4, delayMs: 101 } })).id);
    for (const id of ids) expect((await waitForState(id, ['SUCCEEDED', 'FAILED'], 60_000)).state).toBe('SUCCEEDED');
    const docs = await findJobDocuments(mongo.db(dbName), { name: 'demo.count', 'data.input': { $regex: '"delayMs":101' } });
    expect(docs).toHaveLength(16);
    const peak = peakConcurrency(docs as unknown as { startedAt: Date; finishedAt: Date }[]);
    expect(peak).toBeGreaterThan(4);
    expect(peak).toBeLessThanOrEqual(10);
  });

  it('should return the same job for the same idempotency key', async () => {
    const first = await create({ type: 'demo.count', input: { to: 1 }, idempotencyKey: 'nightly-2026-11-27' });
    const second = await create({ type: 'demo.count', input: { to: 1 }, idempotencyKey: 'nightly-2026-11-27' });
    expect(second.id).toBe(first.id);
    const otherTenant = await create({ type: 'demo.count', input: { to: 1 }, idempotencyKey: 'nightly-2026-11-27' }, B);
    expect(otherTenant.id).not.toBe(first.id);
  });

  it('should answer bad input with BAD_USER_INPUT, no stack trace, and write nothing', async () => {
    const before = await countJobs();
    const cases = [
      await gql(app.url, A, CREATE, { input: { type: 'no.such', input: {} } }),
      await gql(app.url, A, CREATE, { input: { type: 'demo.count', input: { to: 'ten' } } }),
      await gql(app.url, A, CREATE, { input: { type: 'demo.count', input: { to: 5, extra: true } } }),
      await gql(app.url, A, CREATE, { input: { type: 'demo.count', input: { to: 5 }, maxAttempts: 0 } }),
      await gql(app.url, A, GET, { id: 'not-an-id' }),
      await gql(app.url, A, 'query { jobs(after: "bm90LWEtY3Vyc29y") { nodes { id } } }'),
      await gql(app.url, A, 'query { jobs(first: 101) { nodes { id } } }'),
      await gql(app.url, A, 'mutation { cancelJob(id: "123") { id } }'),
    ];
    expect(cases.map((res) => res.errors?.[0]?.extensions?.code)).toEqual(cases.map(() => 'BAD_USER_INPUT'));
    for (const res of cases) {
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    }
    expect(cases[1]!.errors?.[0]?.extensions?.issues).toEqual([expect.objectContaining({ path: 'to' })]);
    expect(await countJobs()).toBe(before);
  });

  it('should refuse requests without a key (401) or with an unknown key (403), on HTTP and WebSocket', async () => {
    const none = await gql(app.url, null, '{ jobTypes { name } }');
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await gql(app.url, 'not-a-real-key-123', '{ jobTypes { name } }');
    expect(unknown.status).toBe(403);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [key, code] of [
      [null, 4401],
      ['not-a-real-key-123', 4403],
    ] as const) {
      let closed = 0;
      const client = wsClient(app.url, key, { onClose: (c) => (closed = c) });
      const result = await collect(client, '{ jobTypes { name } }', {}, { timeoutMs: 10_000 });
      await client.dispose();
      expect(result.items).toEqual([]);
      expect(closed).toBe(code);
    }
  });

  it("should hide one tenant's jobs from another: not found, not cancellable, not subscribable", async () => {
    const job = await create({ type: 'demo.hang', input: {} });
    expect(await get(job.id, B)).toBeNull();
    const cancel = await gql(app.url, B, 'mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: job.id });
    expect(cancel.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const client = wsClient(app.url, B);
    const sub = await collect(client, PROGRESS, { id: job.id }, { timeoutMs: 10_000 });
    await client.dispose();
    expect(sub.items).toEqual([]);
    expect(JSON.stringify(sub.errors)).toContain('NOT_FOUND');
    const list = await gqlData(app.url, B, 'query { jobs(first: 100) { nodes { id } } }');
    expect(list.jobs.nodes.map((n: { id: string }) => n.id)).not.toContain(job.id);
    await gqlData(app.url, A, 'mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: job.id });
  });

  it('should cancel a running job through its signal and run it again on retryJob', async () => {
    const job = await create({ type: 'demo.count', input: { to: 100_000, delayMs: 20, checkpointEvery: 5 } });
    await waitForState(job.id, ['RUNNING']);
    const client = wsClient(app.url, A);
    const listeners = await busListeners(app.url);
    const stream = collect(client, PROGRESS, { id: job.id });
    await waitForBusListeners(app.url, (n) => n >= listeners + 1);
    const cancelled = (await gqlData(app.url, A, 'mutation($id: ID!) { cancelJob(id: $id) { state } }', { id: job.id })).cancelJob;
    expect(cancelled.state).toBe('CANCELLED');
    const events = await stream;
    await client.dispose();
    expect(events.completed).toBe(true);
    expect(events.items.at(-1).kind).toBe('CANCELLED');
    const again = await gql(app.url, A, 'mutation($id: ID!) { cancelJob(id: $id) { state } }', { id: job.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The cancelled run stops writing: progress stays where it was.
    const frozen = await get(job.id);
    // A window in which a run that went on would move the progress; nothing to await for what must not happen.
    await new Promise((r) => setTimeout(r, 500));
    expect((await get(job.id)).progress.processed).toBe(frozen.progress.processed);
    const retried = await eventually(
      'the cancelled job to accept a retry',
      () => gql(app.url, A, 'mutation($id: ID!) { retryJob(id: $id) { state attempts } }', { id: job.id }),
      (answer) => answer.errors === undefined,
    );
    expect(retried.data?.retryJob).toMatchObject({ state: 'QUEUED', attempts: 0 });
    const running = await waitForState(job.id, ['RUNNING']);
    expect(running.checkpoint?.next ?? 0).toBeGreaterThan(0);
    await gqlData(app.url, A, 'mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: job.id });
  });

  it('should retry a failing job with backoff and move it to the debug queue with its last error once attempts are spent', async () => {
    const ok = await create({ type: 'demo.flaky', input: { failures: 2 } });
    const bad = await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 2 });
    const recovered = await waitForState(ok.id, ['SUCCEEDED', 'FAILED']);
    expect(recovered).toMatchObject({ state: 'SUCCEEDED', attempts: 3, result: { attempts: 3 } });
    expect(recovered.errors.map((e: { attempt: number }) => e.attempt)).toEqual([1, 2]);
    const failed = await waitForState(bad.id, ['SUCCEEDED', 'FAILED', 'DEBUG']);
    expect(failed).toMatchObject({ state: 'DEBUG', attempts: 2, lastError: { code: 'JOB_FAILED', message: 'planned failure 2 of 5', attempt: 2 } });
    expect(failed.errors.map((e: { attempt: number }) => e.attempt)).toEqual([1, 2]);
  });

  it("should show a tenant's job to an operator with its stacks, to its tenant without stacks, and to no other tenant", async () => {
    const job = await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 });
    await waitForState(job.id, ['DEBUG']);
    const query = 'query($id: ID!) { job(id: $id) { id errors { message stack } } }';
    const own = await gqlData(app.url, A, query, { id: job.id });
    expect(own.job.errors).toEqual([{ message: 'planned failure 1 of 5', stack: null }]);
    const operator = await gqlData(app.url, TEST_KEYS.operator, query, { id: job.id });
    expect(operator.job.id).toBe(job.id);
    expect(operator.job.errors[0].stack).toMatch(/planned failure 1 of 5\n\s+at /);
    expect((await gqlData(app.url, TEST_KEYS.tenantB, query, { id: job.id })).job).toBeNull();
  });

  it('should page through jobs with cursors and filter them by type and state', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ type: 'demo.count', input: { to: 0 } }, TEST_KEYS.tenantC)).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await gqlData(app.url, TEST_KEYS.tenantC, 'query($after: String) { jobs(first: 2, after: $after, filter: { types: ["demo.count"] }) { edges { cursor node { id type } } pageInfo { hasNextPage endCursor } } }', { after });
      seen.push(...res.jobs.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.jobs.pageInfo.hasNextPage) break;
      after = res.jobs.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    const none = await gqlData(app.url, TEST_KEYS.tenantC, 'query { jobs(filter: { types: ["demo.hang"] }) { nodes { id } } }');
    expect(none.jobs.nodes).toEqual([]);
  });

  it('should reject abusive queries (depth and aliases) with a clear error', async () => {
    const deep = await gql(app.url, A, '{ jobs { edges { node { progress { processed } } } pageInfo { hasNextPage } } a: jobs { nodes { id } } b: jobs { nodes { id } } c: jobs { nodes { id } } d: jobs { nodes { id } } e: jobs { nodes { id } } f: jobs { nodes { id } } g: jobs { nodes { id } } h: jobs { nodes { id } } i: jobs { nodes { id } } j: jobs { nodes { id } } k: jobs { nodes { id } } l: jobs { nodes { id } } m: jobs { nodes { id } } n: jobs { nodes { id } } o: jobs { nodes { id } } p: jobs { nodes { id } } }');
    expect(deep.errors?.[0]?.message).toMatch(/alias/i);
    // This process runs with LONGHAUL_MAX_DEPTH=4.
    const tooDeep = await gql(app.url, A, '{ jobs { edges { node { progress { processed } } } } }');
    expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('should list job types with their input JSON schema', async () => {
    const { jobTypes } = await gqlData(app.url, A, '{ jobTypes { name description inputSchema defaultMaxAttempts concurrency } }');
    const count = jobTypes.find((t: { name: string }) => t.name === 'demo.count');
    expect(count.inputSchema.properties).toHaveProperty('to');
    expect(jobTypes.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['demo.count', 'demo.flaky', 'demo.hang']));
  });

  it('should answer /healthz and /readyz', async () => {
    const base = app.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
