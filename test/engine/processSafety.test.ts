import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';
import { collect, gql, gqlData, wsClient } from '../support/graphqlClient.ts';
import { peakConcurrency } from '../support/peakConcurrency.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

const A = TEST_KEYS.tenantA;

async function waitForEnd(url: string, id: string, timeoutMs = 40_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = await gqlData(url, A, 'query($id: ID!) { job(id: $id) { state attempts result errors { code attempt } } }', { id });
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.state) || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
    const probing = (async () => {
      for (let i = 0; i < 100; i++) {
        const res = await gql(app.url, A, '{ jobTypes { name } }').catch(() => null);
        if (res?.data) answered++;
        else failedRequests++;
        const done = await gql(app.url, A, 'query($id: ID!) { job(id: $id) { state } }', { id: createJob.id });
        if (done.data?.job?.state === 'SUCCEEDED' || done.data?.job?.state === 'FAILED') return;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
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
    for (let i = 0; i < 100; i++) {
      const doc = await jobs.findOne({ name: 'demo.count', state: 'RUNNING' });
      if ((doc?.report?.processed ?? 0) > 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
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
