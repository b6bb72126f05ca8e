import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, ObjectId } from 'mongodb';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';
import { collect, gqlData, wsClient } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';
import { waitForJobState } from '../support/jobState.ts';

const A = TEST_KEYS.tenantA;

describe('workers in other processes: live progress across processes, resume after SIGKILL', () => {
  const dbName = uniqueDatabaseName('resume');
  let api: LonghaulProcess;
  let mongo: MongoClient;
  const started: LonghaulProcess[] = [];

  beforeAll(async () => {
    api = await startLonghaul('serve', dbName);
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await Promise.all([api, ...started].map((p) => p?.stop()));
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it("should push a job's progress from a `work` process to a subscriber of a `serve` process", async () => {
    const worker = await startLonghaul('work', dbName);
    started.push(worker);
    const job = (await gqlData(api.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 20, delayMs: 20 } }) { id } }')).createJob;
    const client = wsClient(api.url, A);
    const { items, completed } = await collect(client, 'subscription($id: ID!) { jobProgress(id: $id) { kind job { state progress { processed } } } }', { id: job.id });
    await client.dispose();
    expect(completed).toBe(true);
    expect(items.filter((e) => e.kind === 'PROGRESS').length).toBeGreaterThan(1);
    expect(items.at(-1)).toMatchObject({ kind: 'SUCCEEDED', job: { progress: { processed: 20 } } });
    await worker.stop();
  });

  it('should resume a job killed with its worker from the last checkpoint, repeating no step before it', async () => {
    const first = await startLonghaul('work', dbName, { LONGHAUL_WORKERS: '1', LONGHAUL_LOCK_LIFETIME_MS: '2000' });
    const job = (await gqlData(api.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 60, delayMs: 40, checkpointEvery: 5, logSteps: true } }) { id } }')).createJob;
    const jobs = mongo.db(dbName).collection('agendaJobs');
    // Wait for a checkpoint past step 10, then kill the whole worker tree without warning.
    const checkpointAtKill = await eventually(
      'a checkpoint past step 10',
      async () => {
        const doc = await jobs.findOne({ _id: new ObjectId(job.id) });
        return doc?.checkpoint ? (JSON.parse(doc.checkpoint).next as number) : 0;
      },
      (next) => next >= 10,
      { intervalMs: 50 },
    );
    const { execSync } = await import('node:child_process');
    execSync(`pkill -KILL -P ${first.child.pid}; kill -KILL ${first.child.pid}`);
    await first.stop();
    const stuck = await jobs.findOne({ _id: new ObjectId(job.id) });
    expect(stuck?.state).toBe('RUNNING');
    expect(stuck?.lockedAt).not.toBeNull();

    const second = await startLonghaul('work', dbName, { LONGHAUL_LOCK_LIFETIME_MS: '2000' });
    started.push(second);
    const done = await waitForJobState(api.url, A, job.id, ['SUCCEEDED', 'FAILED'], { fields: 'attempts result logs(last: 500) { message attempt }' });
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 2, result: { counted: 60 } });
    const steps = done.logs.filter((l: { message: string }) => l.message.startsWith('step ')).map((l: { message: string; attempt: number }) => ({ step: Number(l.message.slice(5)), attempt: l.attempt }));
    const secondAttemptSteps = steps.filter((s: { attempt: number }) => s.attempt === 2).map((s: { step: number }) => s.step);
    const secondStart = Math.min(...secondAttemptSteps);
    // The resumed attempt starts right after a checkpoint saved by the first, at or after the one seen at the kill.
    expect(secondStart - 1).toBeGreaterThanOrEqual(checkpointAtKill);
    expect((secondStart - 1) % 5).toBe(0);
    // No step up to that checkpoint ran twice, and every step ran.
    const upToCheckpoint = steps.filter((s: { step: number }) => s.step < secondStart).map((s: { step: number }) => s.step);
    expect(new Set(upToCheckpoint).size).toBe(upToCheckpoint.length);
    expect(new Set(steps.map((s: { step: number }) => s.step)).size).toBe(60);
    expect(done.logs.some((l: { message: string }) => l.message === `resuming from checkpoint at step ${secondStart - 1}`)).toBe(true);
  });

  it('should stop worker processes whose supervisor was killed, leaving no orphan', async () => {
    const worker = await startLonghaul('work', dbName, { LONGHAUL_WORKERS: '2' });
    const { execSync } = await import('node:child_process');
    const children = execSync(`pgrep -P ${worker.child.pid} || true`).toString().trim().split('\n').filter(Boolean).map(Number);
    expect(children).toHaveLength(2);
    process.kill(worker.child.pid!, 'SIGKILL');
    await worker.stop();
    const alive = () => children.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(await eventually('the orphaned workers to exit', alive, (pids) => pids.length === 0, { timeoutMs: 10_000 })).toEqual([]);
  });
});
