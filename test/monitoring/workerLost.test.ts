import { execSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;
const OPS = TEST_KEYS.operator;

// Locks outlive the test: only the zombie detector (not Agenda's lock expiry) can bring a killed worker's job back.
const WORK_ENV = { LONGHAUL_WORKERS: '1', LONGHAUL_LOCK_LIFETIME_MS: '600000', LONGHAUL_WORKER_HEARTBEAT_MS: '250' };

function childPids(pid: number): number[] {
  return execSync(`pgrep -P ${pid} || true`).toString().trim().split('\n').filter(Boolean).map(Number);
}

describe('worker registry and WORKER_LOST zombies across real processes', () => {
  const dbName = uniqueDatabaseName('worker_lost');
  let api: LonghaulProcess;
  let mongo: MongoClient;
  const workers: LonghaulProcess[] = [];

  beforeAll(async () => {
    api = await startLonghaul('serve', dbName, { LONGHAUL_WORKER_HEARTBEAT_MS: '250' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    workers.push(await startLonghaul('work', dbName, WORK_ENV), await startLonghaul('work', dbName, WORK_ENV));
  });
  afterAll(async () => {
    await Promise.all([api, ...workers].map((p) => p?.stop()));
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should list every live process with its heartbeat, running jobs and event-loop delay', async () => {
    const list = await eventually(
      'three live processes with their event-loop delay',
      async () => (await gqlData(api.url, OPS, '{ monitoring { workers { id host pid role version alive lastHeartbeatAt eventLoopDelay { meanMs p99Ms maxMs } rssBytes runningJobs { id } } } }')).monitoring.workers,
      (w: any[]) => w.length >= 3 && w.every((x) => x.eventLoopDelay !== null),
    );
    expect(list.filter((w: any) => w.role === 'worker')).toHaveLength(2);
    expect(list.filter((w: any) => w.role === 'api')).toHaveLength(1);
    for (const w of list) {
      expect(w).toMatchObject({ alive: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      expect(w.rssBytes).toBeGreaterThan(0);
      expect(w.eventLoopDelay.maxMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('should find the job of a SIGKILLed worker as WORKER_LOST and resume it from its checkpoint on another worker', async () => {
    const job = (await gqlData(api.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 80, delayMs: 50, checkpointEvery: 5, logSteps: true } }) { id } }')).createJob;
    const running = await eventually(
      'the job to run past step 10',
      async () => (await gqlData(api.url, A, 'query($id: ID!) { job(id: $id) { state workerId heartbeatAt checkpoint } }', { id: job.id })).job,
      (j: any) => j.state === 'RUNNING' && (j.checkpoint?.next ?? 0) >= 10,
    );
    expect(running.workerId).toMatch(/^[^:]+:\d+:[0-9a-f]{6}$/);
    expect(running.heartbeatAt).not.toBeNull();
    const workerPid = Number(running.workerId.split(':')[1]);
    // The worker registry shows the job on its worker.
    const registered = (await gqlData(api.url, A, '{ monitoring { workers { id runningJobs { id } } } }')).monitoring.workers.find((w: any) => w.id === running.workerId);
    expect(registered?.runningJobs).toEqual([{ id: job.id }]);

    const victim = workers.find((w) => childPids(w.child.pid!).includes(workerPid))!;
    expect(victim).toBeDefined();
    execSync(`kill -KILL ${workerPid} ${victim.child.pid}`);
    await victim.stop();

    const done = await eventually(
      'the job to end',
      async () => (await gqlData(api.url, A, 'query($id: ID!) { job(id: $id) { state attempts workerId result errors { code attempt } logs(last: 500) { message attempt } } }', { id: job.id })).job,
      (j: any) => j.state === 'SUCCEEDED' || j.state === 'FAILED' || j.state === 'DEBUG',
      { timeoutMs: 90_000 },
    );
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 2, result: { counted: 80 } });
    expect(done.workerId).not.toBe(running.workerId);
    expect(done.errors).toEqual([{ code: 'WORKER_LOST', attempt: 1 }]);
    const resumedAt = done.logs.find((l: any) => l.attempt === 2 && l.message.startsWith('resuming from checkpoint at step '));
    expect(Number(resumedAt?.message.slice('resuming from checkpoint at step '.length))).toBeGreaterThanOrEqual(10);

    const zombies = (
      await gqlData(api.url, A, '{ monitoring { zombies(includeResolved: true) { id reason workerId attempt action resolvedAt since detectedAt job { id state } lastProgress { processed total } lastLogs { message } } } }')
    ).monitoring.zombies;
    expect(zombies).toHaveLength(1);
    expect(zombies[0]).toMatchObject({ reason: 'WORKER_LOST', workerId: running.workerId, attempt: 1, action: 'REQUEUED', job: { id: job.id, state: 'SUCCEEDED' } });
    expect(zombies[0].resolvedAt).not.toBeNull();
    expect(new Date(zombies[0].since).getTime()).toBeLessThanOrEqual(new Date(zombies[0].detectedAt).getTime());
    expect(zombies[0].lastProgress.processed).toBeGreaterThanOrEqual(10);
    expect(zombies[0].lastLogs.length).toBeGreaterThan(0);
    // Open zombies only (the default): it was handled.
    expect((await gqlData(api.url, A, '{ monitoring { zombies { id } } }')).monitoring.zombies).toEqual([]);

    // The dead worker is listed as not alive among stopped ones, and no longer among live ones.
    const all = (await gqlData(api.url, OPS, '{ monitoring { workers(includeStopped: true) { id alive } } }')).monitoring.workers;
    expect(all.find((w: any) => w.id === running.workerId)).toEqual({ id: running.workerId, alive: false });
    const live = (await gqlData(api.url, OPS, '{ monitoring { workers { id } } }')).monitoring.workers;
    expect(live.map((w: any) => w.id)).not.toContain(running.workerId);

    // Monitoring events: the zombie and the lost worker, once each.
    const events = mongo.db(dbName).collection('events');
    expect(await events.countDocuments({ topic: 'monitoring', 'payload.kind': 'ZOMBIE_DETECTED', jobId: job.id, tenantId: 'tenantA' })).toBe(1);
    expect(await events.countDocuments({ topic: 'monitoring', 'payload.kind': 'WORKER_LOST', 'payload.workerId': running.workerId })).toBe(1);
  });

  it("should show a second tenant none of the first tenant's zombies, and operators all of them", async () => {
    expect((await gqlData(api.url, B, '{ monitoring { zombies(includeResolved: true) { id } } }')).monitoring.zombies).toEqual([]);
    expect((await gqlData(api.url, OPS, '{ monitoring { zombies(includeResolved: true) { id job { id } } } }')).monitoring.zombies).toHaveLength(1);
  });

  it('should announce an idle worker that died as lost, once', async () => {
    const idle = await startLonghaul('work', dbName, WORK_ENV);
    const workerPid = childPids(idle.child.pid!)[0]!;
    const id = (await eventually(
      'the idle worker to be listed',
      async () => (await gqlData(api.url, OPS, '{ monitoring { workers { id pid } } }')).monitoring.workers.find((w: any) => w.pid === workerPid)?.id,
      (found: string | undefined) => found !== undefined,
    )) as string;
    execSync(`kill -KILL ${workerPid} ${idle.child.pid}`);
    await idle.stop();
    const events = mongo.db(dbName).collection('events');
    const count = await eventually('the WORKER_LOST event of the idle worker', () => events.countDocuments({ topic: 'monitoring', 'payload.kind': 'WORKER_LOST', 'payload.workerId': id }), (n) => n > 0, { timeoutMs: 30_000 });
    expect(count).toBe(1);
    // "Once": a second announcement would come from a later detector round; nothing can be awaited for an event that
    // must not happen, so the test gives several rounds (heartbeats are 250 ms apart) and counts again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await events.countDocuments({ topic: 'monitoring', 'payload.kind': 'WORKER_LOST', 'payload.workerId': id })).toBe(1);
  });

  it('should deregister a worker that stops gracefully', async () => {
    const worker = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null)!;
    const workerPid = childPids(worker.child.pid!)[0]!;
    const id = (await gqlData(api.url, OPS, '{ monitoring { workers { id pid } } }')).monitoring.workers.find((w: any) => w.pid === workerPid).id;
    await worker.stop('SIGTERM');
    const doc = await mongo.db(dbName).collection('workers').findOne({ _id: id as never });
    expect(doc?.stoppedAt).toBeInstanceOf(Date);
    expect(await mongo.db(dbName).collection('events').countDocuments({ topic: 'monitoring', 'payload.kind': 'WORKER_STOPPED', 'payload.workerId': id })).toBe(1);
  });
});
