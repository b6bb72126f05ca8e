import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createBuiltinRegistry } from '../../src/jobs/builtinJobTypes.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { DiagnosticStore } from '../../src/monitoring/diagnosticStore.ts';
import { parseDiagnosticsConfig } from '../../src/config/diagnosticsConfig.ts';
import { DiagnosticsCapture } from '../../src/monitoring/diagnosticsCapture.ts';
import { EventLoopMonitor } from '../../src/monitoring/eventLoopMonitor.ts';
import { MonitoringEventPublisher } from '../../src/monitoring/monitoringEventPublisher.ts';
import { WorkerStore } from '../../src/monitoring/workerStore.ts';
import { ZombieDetector } from '../../src/monitoring/zombieDetector.ts';
import { WorkerLiveness } from '../../src/monitoring/workerLiveness.ts';
import { ZombieStore } from '../../src/monitoring/zombieStore.ts';

const logger = createLogger({ level: 'silent' });

describe('zombie detectors racing on the same lost jobs', () => {
  let database: TestDatabase;
  let bus: MongoBus;

  beforeAll(async () => {
    database = await withTestDatabase('zombie_race');
    bus = new MongoBus({ db: database.db, logger });
    await bus.start();
  });
  afterAll(async () => {
    await bus?.stop();
    await database?.drop();
  });

  function detector(id: string, lostAfterMs = 1000, jobs = new AgendaJobRepository(database.db)): ZombieDetector {
    const db = database.db;
    const events = new MonitoringEventPublisher(bus);
    return new ZombieDetector({
      jobs,
      logs: new JobLogStore(db, jobs),
      zombies: new ZombieStore(db),
      workers: new WorkerStore(db),
      registry: createBuiltinRegistry(),
      events,
      jobEvents: new JobEventPublisher(bus),
      diagnostics: new DiagnosticStore(db, { settings: parseDiagnosticsConfig({}), secrets: () => [] }),
      capture: new DiagnosticsCapture({ store: new DiagnosticStore(db, { settings: parseDiagnosticsConfig({}), secrets: () => [] }), events, bus, eventLoop: new EventLoopMonitor(), workerId: id, logger }),
      local: { id, running: [] },
      logger,
      checkMs: 60_000,
      liveness: new WorkerLiveness({ lostAfterMs }),
      jobHeartbeatMs: 100,
    });
  }

  it('should record one zombie and take one decision per lost run, however many detectors check at once', async () => {
    const db = database.db;
    const store = new AgendaJobRepository(db);
    const long = new Date(Date.now() - 60_000);
    // A worker that died a minute ago, and the five jobs it was running (attempt 1 of 3, or the last attempt).
    await new WorkerStore(db).register({ _id: 'dead-host:1:aaaaaa', host: 'dead-host', pid: 1, role: 'worker', version: 'test', startedAt: long, heartbeatAt: long, stoppedAt: null, runningJobIds: [], eventLoopDelay: null, rssBytes: null });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { record: doc } = await store.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: 10 }, priority: 0, runAt: long, maxAttempts: i === 4 ? 1 : 3 });
      const started = await store.startRun(doc.id, `run-${i}`, 'dead-host:1:aaaaaa');
      expect(started?.attempt).toBe(1);
      await db.collection('agendaJobs').updateOne({ _id: new ObjectId(doc.id) }, { $set: { heartbeatAt: long, lockedAt: long } });
      ids.push(doc.id);
    }
    const detectors = ['d1:1:000001', 'd2:2:000002', 'd3:3:000003'].map((id) => detector(id));
    await Promise.all(detectors.flatMap((d) => [d.check(), d.check()]));
    // A second round finds nothing left to decide.
    await Promise.all(detectors.map((d) => d.check()));

    const zombies = await db.collection('zombies').find({}).toArray();
    expect(zombies.map((z) => z._id).sort()).toEqual(ids.map((id, i) => `${id}:run-${i}`).sort());
    expect(zombies.every((z) => z.reason === 'WORKER_LOST' && z.workerId === 'dead-host:1:aaaaaa' && z.resolvedAt instanceof Date)).toBe(true);
    for (const [i, id] of ids.entries()) {
      const job = await store.findAnyTenant(id);
      // One decision: one WORKER_LOST error, the attempt counted once, one state change.
      expect(job?.errors.filter((e) => e.code === 'WORKER_LOST')).toHaveLength(1);
      expect(job?.attempt).toBe(1);
      expect(job?.runId).toBeNull();
      expect((await db.collection('agendaJobs').findOne({ _id: new ObjectId(id) }))?.lockedAt).toBeNull();
      expect(job?.state).toBe(i === 4 ? 'DEBUG' : 'QUEUED');
      expect(zombies.find((z) => z.jobId === id)?.action).toBe(i === 4 ? 'MOVED_TO_DEBUG' : 'REQUEUED');
    }
    const detected = await db.collection('events').countDocuments({ topic: 'monitoring', 'payload.kind': 'ZOMBIE_DETECTED' });
    expect(detected).toBe(5);
    const lost = await db.collection('events').countDocuments({ topic: 'monitoring', 'payload.kind': 'WORKER_LOST' });
    expect(lost).toBe(1);
    const requeued = await db.collection('events').countDocuments({ topic: 'job', 'payload.kind': 'REQUEUED' });
    expect(requeued).toBe(4);
  });

  it('should leave alone a job whose worker still heartbeats, and one whose worker is gone but whose run still heartbeats', async () => {
    const db = database.db;
    const store = new AgendaJobRepository(db);
    const now = new Date();
    const long = new Date(Date.now() - 60_000);
    const { record: a } = await store.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: 10 }, priority: 0, runAt: now, maxAttempts: 3 });
    await store.startRun(a.id, 'run-live', 'live-host:2:bbbbbb');
    // The live worker's latest registry heartbeat lists the job it runs.
    await new WorkerStore(db).register({ _id: 'live-host:2:bbbbbb', host: 'live-host', pid: 2, role: 'worker', version: 'test', startedAt: now, heartbeatAt: new Date(Date.now() + 60_000), stoppedAt: null, runningJobIds: [a.id], eventLoopDelay: null, rssBytes: null });
    await db.collection('agendaJobs').updateOne({ _id: new ObjectId(a.id) }, { $set: { heartbeatAt: long } });
    const { record: b } = await store.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: 10 }, priority: 0, runAt: now, maxAttempts: 3 });
    await store.startRun(b.id, 'run-beating', 'dead-host:1:aaaaaa');
    await db.collection('agendaJobs').updateOne({ _id: new ObjectId(b.id) }, { $set: { heartbeatAt: new Date(Date.now() + 60_000) } });
    await detector('d4:4:000004').check();
    expect((await store.findAnyTenant(a.id))?.state).toBe('RUNNING');
    expect((await store.findAnyTenant(b.id))?.state).toBe('RUNNING');
    expect(await db.collection('zombies').countDocuments({ jobId: { $in: [a.id, b.id] } })).toBe(0);
  });

  it('should requeue a RUNNING job that its alive worker no longer lists after a heartbeat newer than the claim, and leave alone one claimed since', async () => {
    const db = database.db;
    const store = new AgendaJobRepository(db);
    const workers = new WorkerStore(db);
    const workerId = 'busy-host:3:cccccc';
    const create = async () => (await store.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: 10 }, priority: 0, runAt: new Date(), maxAttempts: 3 })).record;
    // Its run ended without writing how (the database was down when it tried): the job stays RUNNING under that run.
    const dropped = await create();
    await store.startRun(dropped.id, 'run-dropped', workerId);
    // Still held: listed by the heartbeat.
    const held = await create();
    await store.startRun(held.id, 'run-held', workerId);
    const beat = new Date();
    await workers.register({ _id: workerId, host: 'busy-host', pid: 3, role: 'worker', version: 'test', startedAt: beat, heartbeatAt: beat, stoppedAt: null, runningJobIds: [held.id], eventLoopDelay: null, rssBytes: null });
    // Claimed after that heartbeat: the worker has not said yet whether it holds it.
    await eventually('the clock to pass the heartbeat', () => Date.now() > beat.getTime(), { intervalMs: 1 });
    const fresh = await create();
    await store.startRun(fresh.id, 'run-fresh', workerId);

    // Two detectors at once, with a liveness window that keeps the worker alive however slow the machine.
    await Promise.all([detector('d5:5:000005', 60_000).check(), detector('d6:6:000006', 60_000).check()]);

    const after = await store.findAnyTenant(dropped.id);
    expect(after).toMatchObject({ state: 'QUEUED', runId: null, attempt: 1 });
    expect((await db.collection('agendaJobs').findOne({ _id: new ObjectId(dropped.id) }))?.lockedAt).toBeNull();
    expect(after?.errors.filter((e) => e.code === 'WORKER_LOST')).toHaveLength(1);
    expect(after?.lastError?.message).toContain('no longer runs attempt 1');
    const zombie = await db.collection('zombies').findOne({ _id: `${dropped.id}:run-dropped` as never });
    expect(zombie).toMatchObject({ reason: 'WORKER_LOST', workerId, action: 'REQUEUED' });
    expect((await store.findAnyTenant(held.id))?.state).toBe('RUNNING');
    expect((await store.findAnyTenant(fresh.id))?.state).toBe('RUNNING');
    expect(await db.collection('zombies').countDocuments({ jobId: { $in: [held.id, fresh.id] } })).toBe(0);
    // The worker is alive: it is not announced as lost.
    expect((await workers.get(workerId))?.lostAt ?? null).toBeNull();
    expect(await db.collection('events').countDocuments({ topic: 'monitoring', 'payload.kind': 'WORKER_LOST', 'payload.workerId': workerId })).toBe(0);
  });

  it('should scan RUNNING jobs no more often than 20 times the last scan took', async () => {
    // A live collection whose scan takes 200 ms (on FerretDB, about 2,000 live jobs).
    class SlowScan extends AgendaJobRepository {
      scans = 0;
      override async listRunning() {
        this.scans++;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return super.listRunning();
      }
    }
    const jobs = new SlowScan(database.db);
    const d = detector('slow-scan:1:aaaaaa', 1000, jobs);
    await d.check();
    expect(jobs.scans).toBe(1);
    // The next scan waits 4 s (20 x 200 ms): three checks in a row do not scan again.
    await d.check();
    await d.check();
    await d.check();
    expect(jobs.scans).toBe(1);
    await eventually('the next scan, 4 s after the first', async () => {
      await d.check();
      return jobs.scans === 2;
    }, { timeoutMs: 15_000 });
  });
});
