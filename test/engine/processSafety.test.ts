import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';
import { collect, gql, gqlData, wsClient } from '../support/graphqlClient.ts';
import { peakConcurrency } from '../support/peakConcurrency.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { waitForJobState } from '../support/jobState.ts';
import { eventually } from '../support/eventually.ts';
import { findJobDocuments } from '../support/jobDocuments.ts';

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
    // Ended jobs are in the history collection (the scheduler's keeps live ones only).
    const docs = await findJobDocuments(mongo.db(dbName), { _id: { $in: ids.map((id) => new ObjectId(id)) } });
    expect(docs).toHaveLength(ids.length);
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

describe('graceful shutdown with more jobs claimed than running (longhaul all)', () => {
  const dbName = uniqueDatabaseName('drain');
  let app: LonghaulProcess;
  let mongo: MongoClient;

  beforeAll(async () => {
    // Two at a time: the scheduler still claims (locks) up to the type's concurrency and holds the rest in its queue.
    app = await startLonghaul('all', dbName, { LONGHAUL_CONCURRENCY: '2' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should leave no job running or locked after SIGTERM: the running ones requeued from their checkpoint, the claimed ones released', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 100000, delayMs: 20, checkpointEvery: 5 } }) { id } }')).createJob.id);
    }
    const jobs = mongo.db(dbName).collection('agendaJobs');
    await eventually('two jobs to run past step 5 while others wait claimed', async () => {
      const docs = await jobs.find({ name: 'demo.count' }).toArray();
      const running = docs.filter((d) => d.state === 'RUNNING' && (d.report?.processed ?? 0) > 5);
      const claimed = docs.filter((d) => d.state === 'QUEUED' && (d.lockedAt ?? null) !== null);
      return running.length === 2 && claimed.length > 0;
    }, { intervalMs: 50 });
    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    const docs = await jobs.find({ name: 'demo.count' }).toArray();
    expect(docs.map((d) => ({ state: d.state, lockedAt: d.lockedAt ?? null }))).toEqual(ids.map(() => ({ state: 'QUEUED', lockedAt: null })));
    expect(docs.filter((d) => d.checkpoint !== null && d.checkpoint !== undefined && JSON.parse(d.checkpoint).next > 0)).toHaveLength(2);
  });
});

describe('a graceful shutdown that runs out of time (longhaul all)', () => {
  const dbName = uniqueDatabaseName('unclean');
  let app: LonghaulProcess;

  afterAll(async () => {
    await app?.stop('SIGKILL');
    const mongo = await MongoClient.connect(testDatabaseUri(dbName));
    await mongo.db(dbName).dropDatabase().catch(() => undefined);
    await mongo.close();
  });

  it('should exit 1, not 0, when a worker could not put its job back in time', async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_SHUTDOWN_TIMEOUT_MS: '500' });
    // The job blocks its worker's event loop: the worker cannot even see the signal before it is killed.
    const { createJob } = await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.block", input: { seconds: 8 } }) { id } }');
    await waitForJobState(app.url, A, createJob.id, ['RUNNING']);
    const exit = await app.stop('SIGTERM');
    expect(exit).toEqual({ code: 1, signal: null });
    // On failure, say what the process did log at warning level and above (a lost line, or another way out).
    const logged = app.logs.filter((l) => typeof l.level === 'number' && l.level >= 40).map((l) => `${String(l.msg)} ${JSON.stringify((l.err as { code?: string } | undefined)?.code ?? '')}`);
    expect(app.logs.some((l) => l.msg === 'shutdown failed' && (l.err as { code?: string } | undefined)?.code === 'SHUTDOWN_INCOMPLETE'), logged.join(' | ')).toBe(true);
  });
});
