import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { waitForJobState } from '../support/jobState.ts';
import { eventually } from '../support/eventually.ts';
import { MongoClient, ObjectId } from 'mongodb';

const CREATE = 'mutation($input: CreateJobInput!) { createJob(input: $input) { id state } }';
const STATS = `query($w: Int) { monitoring {
  queueStats(windowMinutes: $w) { byState { state count } byType { type state count } oldestQueuedAgeSeconds throughput { start succeeded failed } }
  failureRate(windowMinutes: $w) { windowMinutes finished failed rate }
} }`;

interface Stats {
  queueStats: {
    byState: { state: string; count: number }[];
    byType: { type: string; state: string; count: number }[];
    oldestQueuedAgeSeconds: number | null;
    throughput: { start: string; succeeded: number; failed: number }[];
  };
  failureRate: { windowMinutes: number; finished: number; failed: number; rate: number };
}

/**
 * Jobs are created while only an API runs (`serve`, no worker), so they wait in the queue; then a worker
 * process runs them. Each tenant must see only its own jobs; the operator sees all.
 */
describe('queueStats and failureRate', () => {
  const dbName = uniqueDatabaseName('stats');
  let api: LonghaulProcess;
  let worker: LonghaulProcess | undefined;
  let mongo: MongoClient;
  const A = TEST_KEYS.tenantA;
  const B = TEST_KEYS.tenantB;
  const idsA: string[] = [];
  const idsB: string[] = [];

  const stats = async (key: string, w = 15): Promise<Stats> => (await gqlData<{ monitoring: Stats }>(api.url, key, STATS, { w })).monitoring;
  const count = (s: Stats, state: string) => s.queueStats.byState.find((x) => x.state === state)?.count;
  const create = async (key: string, input: Record<string, unknown>) => (await gqlData(api.url, key, CREATE, { input })).createJob.id as string;
  const waitForEnd = async (key: string, id: string) => (await waitForJobState(api.url, key, id, ['SUCCEEDED', 'FAILED', 'DEBUG'], { timeoutMs: 90_000 })).state as string;

  beforeAll(async () => {
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    api = await startLonghaul('serve', dbName);
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should count queued jobs per state and type, scoped to the tenant, with the oldest due job age', async () => {
    for (let i = 0; i < 3; i++) idsA.push(await create(A, { type: 'demo.count', input: { to: 5 } }));
    for (let i = 0; i < 2; i++) idsA.push(await create(A, { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 }));
    idsB.push(await create(B, { type: 'demo.count', input: { to: 5 } }));
    // Not due yet: counted as QUEUED, but not waiting.
    const later = await create(B, { type: 'demo.count', input: { to: 5 }, runAt: new Date(Date.now() + 3600_000).toISOString() });
    // Backdate one due job of A so its age is known to be at least 120 s.
    await mongo.db(dbName).collection('agendaJobs').updateOne({ _id: new ObjectId(idsA[0]) }, { $set: { runAt: new Date(Date.now() - 120_000) } });

    const a = await stats(A);
    expect(count(a, 'QUEUED')).toBe(5);
    expect(a.queueStats.byState.map((s) => s.state).sort()).toEqual(['CANCELLED', 'DEBUG', 'FAILED', 'QUEUED', 'RETRYING', 'RUNNING', 'SUCCEEDED']);
    expect(a.queueStats.byType).toEqual([
      { type: 'demo.count', state: 'QUEUED', count: 3 },
      { type: 'demo.flaky', state: 'QUEUED', count: 2 },
    ]);
    expect(a.queueStats.oldestQueuedAgeSeconds).toBeGreaterThanOrEqual(120);
    expect(a.queueStats.oldestQueuedAgeSeconds).toBeLessThan(600);

    const b = await stats(B);
    expect(count(b, 'QUEUED')).toBe(2);
    expect(b.queueStats.byType).toEqual([{ type: 'demo.count', state: 'QUEUED', count: 2 }]);
    expect(b.queueStats.oldestQueuedAgeSeconds).toBeLessThan(120);

    const ops = await stats(TEST_KEYS.operator);
    expect(count(ops, 'QUEUED')).toBe(7);
    expect(ops.queueStats.oldestQueuedAgeSeconds).toBeGreaterThanOrEqual(120);
    expect(later).toMatch(/^[0-9a-f]{24}$/);
  });

  it('should count finishes per minute and the failure rate, exhausted flaky jobs (DEBUG) as failed', async () => {
    worker = await startLonghaul('work', dbName);
    const ends = await Promise.all(idsA.map((id) => waitForEnd(A, id)));
    await waitForEnd(B, idsB[0]!);
    expect(ends.filter((s) => s === 'SUCCEEDED')).toHaveLength(3);
    // With the debug queue, exhausted jobs land in DEBUG; either way they count as failed.
    expect(ends.filter((s) => s === 'DEBUG' || s === 'FAILED')).toHaveLength(2);

    // Finishes are counted per minute by the worker that ran them and added to the database once a second.
    const a = await eventually('tenant A finishes counted', () => stats(A, 5), (s) => s.failureRate.finished >= 5);
    expect(a.failureRate).toEqual({ windowMinutes: 5, finished: 5, failed: 2, rate: 0.4 });
    expect(a.queueStats.throughput).toHaveLength(5);
    const starts = a.queueStats.throughput.map((t) => Date.parse(t.start));
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(starts[1]! - starts[0]!).toBe(60_000);
    expect(a.queueStats.throughput.reduce((n, t) => n + t.succeeded, 0)).toBe(3);
    expect(a.queueStats.throughput.reduce((n, t) => n + t.failed, 0)).toBe(2);
    expect(count(a, 'QUEUED')).toBe(0);
    expect(count(a, 'SUCCEEDED')).toBe(3);
    expect((count(a, 'DEBUG') ?? 0) + (count(a, 'FAILED') ?? 0)).toBe(2);
    expect(a.queueStats.oldestQueuedAgeSeconds).toBeNull();

    const b = await eventually('tenant B finishes counted', () => stats(B, 5), (s) => s.failureRate.finished >= 1);
    expect(b.failureRate).toEqual({ windowMinutes: 5, finished: 1, failed: 0, rate: 0 });
    expect(count(b, 'QUEUED')).toBe(1); // the one scheduled an hour ahead

    const ops = await stats(TEST_KEYS.operator, 5);
    expect(ops.failureRate).toEqual({ windowMinutes: 5, finished: 6, failed: 2, rate: 2 / 6 });
  });

  it('should refuse a window outside 1..1440 minutes', async () => {
    const res = await gql(api.url, A, 'query { monitoring { failureRate(windowMinutes: 0) { rate } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const res2 = await gql(api.url, A, 'query { monitoring { queueStats(windowMinutes: 5000) { oldestQueuedAgeSeconds } } }');
    expect(res2.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
