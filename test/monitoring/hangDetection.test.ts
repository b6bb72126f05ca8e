import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { JobHungError } from '../../src/engine/errors/index.ts';
import type { JobRecord } from '../../src/engine/jobRecord.ts';
import type { JobRun } from '../../src/engine/jobRun.ts';
import type { HangPolicy } from '../../src/engine/jobType.ts';
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
const WORKER = 'this-host:42:cccccc';

/** A run as the detector sees it: what a real {@link JobRun} exposes, with its clocks set by the test. */
class FakeRun {
  readonly controller = new AbortController();
  abandoned: { reason: Error; graceMs: number } | undefined;
  constructor(
    readonly doc: JobRecord,
    readonly runId: string,
    policy: HangPolicy,
    public lastHeartbeatAt: number,
    public lastProgressAt: number,
  ) {
    this.type = { name: doc.type, resolved: { hang: { noProgressMs: 60_000, heartbeatStallMs: 10_000, policy } } };
  }
  readonly type: { name: string; resolved: { hang: { noProgressMs: number | null; heartbeatStallMs: number; policy: HangPolicy } } };
  readonly lockLifetimeMs = 60_000;
  get jobId(): string {
    return this.doc.id;
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  get currentProgress() {
    return { processed: 7, total: 10, message: 'stuck at 7' };
  }
  abandon(reason: Error, graceMs: number): void {
    this.abandoned = { reason, graceMs };
    this.controller.abort(reason);
  }
}

describe('hang detection of a process\'s own runs', () => {
  let database: TestDatabase;
  let bus: MongoBus;
  const running: FakeRun[] = [];
  let detector: ZombieDetector;

  beforeAll(async () => {
    database = await withTestDatabase('hang_detect');
    bus = new MongoBus({ db: database.db, logger });
    await bus.start();
    const db = database.db;
    const jobs = new AgendaJobRepository(db);
    const events = new MonitoringEventPublisher(bus);
    detector = new ZombieDetector({
      jobs,
      logs: new JobLogStore(db, jobs),
      zombies: new ZombieStore(db),
      workers: new WorkerStore(db),
      registry: undefined as never,
      events,
      jobEvents: new JobEventPublisher(bus),
      diagnostics: new DiagnosticStore(db, { settings: parseDiagnosticsConfig({}), secrets: () => [] }),
      capture: new DiagnosticsCapture({ store: new DiagnosticStore(db, { settings: parseDiagnosticsConfig({}), secrets: () => [] }), events, bus, eventLoop: new EventLoopMonitor(), workerId: WORKER, logger }),
      local: { id: WORKER, running: running as unknown as JobRun[] },
      logger,
      checkMs: 60_000,
      liveness: new WorkerLiveness({ lostAfterMs: 1000 }),
      jobHeartbeatMs: 100,
    });
  });
  afterAll(async () => {
    await bus?.stop();
    await database?.drop();
  });

  async function startRun(runId: string, policy: HangPolicy, heartbeatAgoMs: number, progressAgoMs: number): Promise<FakeRun> {
    const store = new AgendaJobRepository(database.db);
    const { record: doc } = await store.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: 10 }, priority: 0, runAt: new Date(), maxAttempts: 3 });
    const started = (await store.startRun(doc.id, runId, WORKER))!;
    const run = new FakeRun(started, runId, policy, Date.now() - heartbeatAgoMs, Date.now() - progressAgoMs);
    running.push(run);
    return run;
  }

  it('should declare a run whose heartbeat stalled HEARTBEAT_STALLED, report it, then abort it through its signal', async () => {
    const healthy = await startRun('healthy', 'abort', 100, 100);
    const stalled = await startRun('stalled', 'abort', 20_000, 100);
    const noProgress = await startRun('no-progress', 'abort', 100, 120_000);
    await detector.check();

    expect(healthy.abandoned).toBeUndefined();
    expect(stalled.abandoned?.reason).toBeInstanceOf(JobHungError);
    expect(noProgress.abandoned?.reason).toBeInstanceOf(JobHungError);
    const zombies = await database.db.collection('zombies').find({ workerId: WORKER }).sort({ reason: 1 }).toArray();
    expect(zombies.map((z) => [z._id, z.reason, z.action])).toEqual([
      [`${stalled.jobId}:stalled`, 'HEARTBEAT_STALLED', 'ABORTED'],
      [`${noProgress.jobId}:no-progress`, 'NO_PROGRESS', 'ABORTED'],
    ]);
    for (const zombie of zombies) {
      expect(zombie.lastProgress).toEqual({ processed: 7, total: 10, message: 'stuck at 7' });
      expect(zombie.diagnosticIds).toHaveLength(1);
      const report = await database.db.collection('diagnostics').findOne({ _id: zombie.diagnosticIds[0] });
      expect(report).toMatchObject({ kind: 'REPORT', jobId: zombie.jobId, tenantId: 'tenantA', reason: `job hung: ${zombie.reason}`, workerId: WORKER });
    }
    running.splice(0);
  });

  it('should only report a hung run whose type observes hangs, and resolve its zombie once the run ends', async () => {
    const observed = await startRun('observed', 'observe', 100, 120_000);
    await detector.check();
    await detector.check();
    expect(observed.abandoned).toBeUndefined();
    const zombie = await database.db.collection('zombies').findOne({ _id: `${observed.jobId}:observed` as never });
    expect(zombie).toMatchObject({ reason: 'NO_PROGRESS', action: null, resolvedAt: null });
    running.splice(0);
    await detector.check();
    expect((await database.db.collection('zombies').findOne({ _id: `${observed.jobId}:observed` as never }))?.resolvedAt).toBeInstanceOf(Date);
  });
});
