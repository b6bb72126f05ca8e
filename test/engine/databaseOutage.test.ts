import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startEmbeddedDatabase } from '../../src/db/embeddedDatabase.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

const A = TEST_KEYS.tenantA;

/** Lock lifetime of the services under test: every outage below lasts longer. */
const LOCK_LIFETIME_MS = 4000;
const JOBS = 3;
const STEPS = 25;

/** What the services run with: step lines in the process log (`info`), this lock lifetime. */
const OUTAGE_ENV: NodeJS.ProcessEnv = {
  LOG_LEVEL: 'info',
  LONGHAUL_LOCK_LIFETIME_MS: String(LOCK_LIFETIME_MS),
};

interface EndedJob {
  id: string;
  state: string;
  attempts: number;
  result: { counted: number } | null;
  progress: { processed: number; total: number | null };
}

/** Creates `demo.count` jobs that log and checkpoint every step, with attempts to spare for the outage. */
async function createCountJobs(url: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < JOBS; i++) {
    const { createJob } = await gqlData(
      url,
      A,
      'mutation($input: JSON) { createJob(input: { type: "demo.count", input: $input, maxAttempts: 10 }) { id } }',
      { input: { to: STEPS, delayMs: 100, checkpointEvery: 1, logSteps: true } },
    );
    ids.push(createJob.id as string);
  }
  return ids;
}

/** Waits until every job runs and has made some progress: the outage then hits them mid-job. */
async function waitUntilMidJob(url: string, ids: readonly string[]): Promise<void> {
  await vi.waitFor(
    async () => {
      for (const id of ids) {
        const { job } = await gqlData(url, A, 'query($id: ID!) { job(id: $id) { state progress { processed } } }', { id });
        expect(job.state).toBe('RUNNING');
        expect(job.progress.processed).toBeGreaterThanOrEqual(3);
        expect(job.progress.processed).toBeLessThan(STEPS - 10);
      }
    },
    { timeout: 30_000, interval: 100 },
  );
}

/** Waits (through API errors while the service reconnects) until no job is left RUNNING, QUEUED or RETRYING. */
async function waitUntilEnded(url: string, ids: readonly string[]): Promise<EndedJob[]> {
  return vi.waitFor(
    async () => {
      const ended: EndedJob[] = [];
      for (const id of ids) {
        const { job } = await gqlData(url, A, 'query($id: ID!) { job(id: $id) { id state attempts result progress { processed total } } }', { id });
        expect(['SUCCEEDED', 'FAILED', 'DEBUG', 'CANCELLED']).toContain(job.state);
        ended.push(job as EndedJob);
      }
      return ended;
    },
    { timeout: 90_000, interval: 250 },
  );
}

/** Every `step N` line the job's runs wrote to the process log (a side effect outside the database). */
function stepsOf(logs: readonly Record<string, unknown>[], jobId: string): { step: number; attempt: number }[] {
  return logs
    .filter((l) => l.jobId === jobId && typeof l.msg === 'string' && /^step \d+$/.test(l.msg))
    .map((l) => ({ step: Number((l.msg as string).slice(5)), attempt: l.attempt as number }));
}

/**
 * The work was done once: the job SUCCEEDED with its full result and progress, one SUCCEEDED event was published,
 * every step ran, and a step ran twice only where an interrupted attempt had not checkpointed it yet (every step is
 * checkpointed, so at most one step per extra attempt; a resumed attempt never repeats a step before its checkpoint).
 */
async function expectDoneOnce(job: EndedJob, logs: readonly Record<string, unknown>[], events: MongoClient, dbName: string): Promise<void> {
  expect(job).toMatchObject({ state: 'SUCCEEDED', result: { counted: STEPS }, progress: { processed: STEPS, total: STEPS } });
  const succeeded = await events.db(dbName).collection('events').countDocuments({ topic: 'job', jobId: job.id, 'payload.kind': 'SUCCEEDED' });
  expect(succeeded).toBe(1);
  const steps = stepsOf(logs, job.id);
  expect(new Set(steps.map((s) => s.step))).toEqual(new Set(Array.from({ length: STEPS }, (_, i) => i + 1)));
  expect(steps.length - STEPS).toBeLessThanOrEqual(job.attempts - 1);
  for (const line of logs.filter((l) => l.jobId === job.id && typeof l.msg === 'string' && l.msg.startsWith('resuming from checkpoint at step '))) {
    const from = Number((line.msg as string).slice('resuming from checkpoint at step '.length));
    const repeated = steps.filter((s) => s.attempt === line.attempt && s.step <= from);
    expect(repeated).toEqual([]);
  }
}

/** Lines of one message, per process. */
function countPerProcess(logs: readonly Record<string, unknown>[], msg: string): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const line of logs) if (line.msg === msg) counts.set(line.pid, (counts.get(line.pid) ?? 0) + 1);
  return counts;
}

async function readyz(api: LonghaulProcess): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(new URL('/readyz', api.url));
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('jobs that ride through a database outage longer than their lock', () => {
  it('should end every job SUCCEEDED with its work done once when an external FerretDB is killed and restarted', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'longhaul-outage-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const first = await startEmbeddedDatabase({ dataDir });
    onTestFinished(() => first.stop());
    const port = Number(new URL(first.uri.replace('mongodb:', 'http:')).port);
    const dbName = uniqueDatabaseName('outage_ext');
    const env = { ...OUTAGE_ENV, MONGODB_URI: `mongodb://127.0.0.1:${port}/${dbName}` };
    const api = await startLonghaul('serve', dbName, env);
    onTestFinished(async () => void (await api.stop()));
    const workers = await startLonghaul('work', dbName, env);
    onTestFinished(async () => void (await workers.stop()));

    const ids = await createCountJobs(api.url);
    await waitUntilMidJob(api.url, ids);
    process.kill(first.pid, 'SIGKILL');
    await vi.waitFor(() => expect(first.status().phase).toBe('exited'), { timeout: 10_000, interval: 50 });
    // The outage must outlast the lock lifetime and the driver's server selection timeout (10 s): runs then lose their
    // locks, and writes sent during the outage fail instead of waiting it out. Nothing to await: time is the point.
    await sleep(Math.max(LOCK_LIFETIME_MS, 10_000) + 2000);
    const second = await startEmbeddedDatabase({ dataDir, port });
    onTestFinished(() => second.stop());

    const ended = await waitUntilEnded(api.url, ids);
    const client = await MongoClient.connect(second.uri);
    onTestFinished(() => client.close());
    const logs = [...api.logs, ...workers.logs];
    for (const job of ended) await expectDoneOnce(job, logs, client, dbName);
    // The runs did lose their locks: the outage hit them mid-job.
    expect(ended.some((job) => job.attempts > 1)).toBe(true);
    // Every process noticed the outage once and its recovery once, not once per poll.
    for (const [pid, count] of countPerProcess(logs, 'bus reader failed; retrying (logged once until it recovers)')) expect({ pid, count }).toEqual({ pid, count: 1 });
    expect(countPerProcess(logs, 'bus reader failed; retrying (logged once until it recovers)').size).toBe(2);
    expect(countPerProcess(logs, 'bus reader recovered').size).toBe(2);
    expect((await readyz(api)).status).toBe(200);
    // Nobody restarted: the processes reconnected by themselves.
    expect(logs.filter((l) => l.msg === 'worker process died; restarting')).toEqual([]);
  });

  it('should restart the embedded database of `longhaul all` on its port and folder, and end every job SUCCEEDED with its work done once', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'longhaul-outage-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const dbName = uniqueDatabaseName('outage_emb');
    // The supervisor waits this long before restarting the database it finds dead: the outage outlasts the lock.
    const restartDelayMs = LOCK_LIFETIME_MS + 2000;
    const all = await startLonghaul('all', dbName, {
      ...OUTAGE_ENV,
      MONGODB_URI: undefined,
      LONGHAUL_DATA_DIR: dataDir,
      LONGHAUL_DB_RESTART_DELAY_MS: String(restartDelayMs),
    });
    onTestFinished(async () => void (await all.stop()));
    const started = await all.waitForLog((l) => l.msg === 'embedded database started');
    const serverPid = started.serverPid as number;
    expect(await readyz(all)).toMatchObject({ status: 200, body: { status: 'ready', database: { embedded: { phase: 'running', restarts: 0 } } } });

    const ids = await createCountJobs(all.url);
    await waitUntilMidJob(all.url, ids);
    process.kill(serverPid, 'SIGKILL');
    const died = await all.waitForLog((l) => l.msg === 'embedded database exited; restarting it on the same port and data folder', 10_000);
    expect(died).toMatchObject({ serverPid, restartInMs: restartDelayMs });
    expect(await readyz(all)).toMatchObject({ status: 503, body: { status: 'unavailable', database: { embedded: { phase: 'restarting', restarts: 0 } } } });
    const restarted = await all.waitForLog((l) => l.msg === 'embedded database restarted', restartDelayMs + 60_000);
    expect(restarted).toMatchObject({ uri: started.uri, restarts: 1 });
    expect(restarted.serverPid).not.toBe(serverPid);

    const ended = await waitUntilEnded(all.url, ids);
    const client = await MongoClient.connect(`${started.uri as string}`);
    onTestFinished(() => client.close());
    for (const job of ended) await expectDoneOnce(job, all.logs, client, dbName);
    expect(ended.some((job) => job.attempts > 1)).toBe(true);
    expect(await readyz(all)).toMatchObject({ status: 200, body: { status: 'ready', database: { embedded: { phase: 'running', restarts: 1 } } } });
    expect(all.logs.filter((l) => l.msg === 'worker process died; restarting')).toEqual([]);
  });
});
