import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';
import { collect, gql, gqlData, wsClient } from '../support/graphqlClient.ts';
import { peakConcurrency } from '../support/peakConcurrency.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { waitForJobState } from '../support/jobState.ts';
import { eventually } from '../support/eventually.ts';

const A = TEST_KEYS.tenantA;

const waitForEnd = (url: string, id: string) => waitForJobState(url, A, id, ['SUCCEEDED', 'FAILED', 'CANCELLED'], { fields: 'attempts result errors { code attempt }' });

describe('worker process safety, concurrency limits and graceful shutdown (longhaul all)', () => {
  const dbName = uniqueDatabaseName('safety');
  let app: LonghaulProcess;
  let mongo: MongoClient;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_CONCURRENCY: '4' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should fail only the attempt that left an unhandled rejection, retry it, and keep the process serving', async () => {
    const { createJob } = await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.flaky", input: { failures: 1, mode: "unhandledRejection" } }) { id } }');
    const job = await waitForEnd(app.url, createJob.id);
    expect(job).toMatchObject({ state: 'SUCCEEDED', attempts: 2, result: { attempts: 2 } });
    expect(job.errors).toEqual([{ code: 'UNHANDLED_REJECTION', attempt: 1 }]);
    expect(app.logs.some((l) => l.msg === 'worker process died; restarting')).toBe(false);
  });

  it('should release the job of an uncaught exception for retry, restart the worker process, and answer the API throughout', async () => {
    const { createJob } = await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.flaky", input: { failures: 1, mode: "uncaughtException" } }) { id } }');
    let answered = 0;
    let failedRequests = 0;
    // The API is asked again and again while the worker crashes and restarts, until the job ends.
    const probing = eventually('the crashing job to end, the API answering meanwhile', async () => {
      const res = await gql(app.url, A, '{ jobTypes { name } }').catch(() => null);
      if (res?.data) answered++;
      else failedRequests++;
      const done = await gql(app.url, A, 'query($id: ID!) { job(id: $id) { state } }', { id: createJob.id });
      return done.data?.job?.state === 'SUCCEEDED' || done.data?.job?.state === 'FAILED';
    });
    const job = await waitForEnd(app.url, createJob.id);
    await probing;
    expect(job).toMatchObject({ state: 'SUCCEEDED', attempts: 2 });
    expect(job.errors).toEqual([{ code: 'UNCAUGHT_EXCEPTION', attempt: 1 }]);
    expect(failedRequests).toBe(0);
    expect(answered).toBeGreaterThan(0);
    await app.waitForLog((l) => l.msg === 'worker process died; restarting');
  });

  it('should never run more jobs at once than the global limit', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push((await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 5, delayMs: 60 } }) { id } }')).createJob.id);
    }
    for (const id of ids) expect((await waitForEnd(app.url, id)).state).toBe('SUCCEEDED');
    const docs = await mongo.db(dbName).collection('agendaJobs').find({ name: 'demo.count' }).toArray();
    const peak = peakConcurrency(docs as unknown as { startedAt: Date; finishedAt: Date }[]);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('should shut down on SIGTERM: abort the running job, checkpoint and requeue it, close sockets with 1001, exit 0', async () => {
    const { createJob } = await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 100000, delayMs: 20, checkpointEvery: 1000 } }) { id } }');
    let closeCode = 0;
    const client = wsClient(app.url, A, { onClose: (code) => (closeCode = code) });
    const stream = collect(client, 'subscription($id: ID!) { jobProgress(id: $id) { kind job { progress { processed } } } }', { id: createJob.id }, { timeoutMs: 30_000 });
    const jobs = mongo.db(dbName).collection('agendaJobs');
    await eventually('the job to run past step 3', async () => ((await jobs.findOne({ name: 'demo.count', state: 'RUNNING' }))?.report?.processed ?? 0) > 3, { intervalMs: 50 });
    const startedAt = Date.now();
    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    await stream;
    expect(closeCode).toBe(1001);
    const doc = await jobs.findOne({ state: { $in: ['QUEUED', 'RUNNING'] }, name: 'demo.count' });
    expect(doc).toMatchObject({ state: 'QUEUED', lockedAt: null });
    expect(JSON.parse(doc!.checkpoint).next).toBeGreaterThan(0);
    expect(doc!.nextRunAt).not.toBeNull();
  });
});
