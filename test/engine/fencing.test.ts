import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ObjectId } from 'mongodb';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobRunner } from '../../src/engine/jobRunner.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { createBuiltinRegistry } from '../../src/jobs/builtinJobTypes.ts';

describe('fencing: a run that lost its job can never overwrite the run that replaced it', () => {
  let t: TestDatabase;
  let store: AgendaJobRepository;
  let bus: MongoBus;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    t = await withTestDatabase('fence');
    store = new AgendaJobRepository(t.db);
    bus = new MongoBus({ db: t.db, logger, wait: 'client' });
    await bus.ensureCollection();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('should refuse progress, checkpoint and result writes of a replaced run', async () => {
    const { record: doc } = await store.create({ tenantId: 't', type: 'demo.count', input: { to: 5 }, priority: 0, runAt: new Date(), maxAttempts: 3 });
    const old = await store.startRun(doc.id, 'run-old', 'worker-1');
    expect(old?.attempt).toBe(1);
    const replacement = await store.startRun(doc.id, 'run-new', 'worker-2');
    expect(replacement?.attempt).toBe(2);
    expect(await store.saveProgress(doc.id, 'run-old', { processed: 99, total: 5, message: 'stale' })).toBeNull();
    expect(await store.saveCheckpoint(doc.id, 'run-old', JSON.stringify({ next: 99 }))).toBeNull();
    expect(await store.succeed(doc.id, 'run-old', '{"counted":99}', { processed: 99, total: 5, message: null })).toBeNull();
    expect(await store.heartbeat(doc.id, 'run-old', new Date())).toBe('fenced');
    expect(await store.saveCheckpoint(doc.id, 'run-new', JSON.stringify({ next: 2 }))).not.toBeNull();
    const after = await store.findAnyTenant(doc.id);
    expect(after).toMatchObject({ runId: 'run-new', attempt: 2, checkpoint: '{"next":2}', result: null, state: 'RUNNING' });
    expect(after?.report.processed).not.toBe(99);
  });

  it('should abort a paused run through its signal once another run took its job, leaving the new run untouched', async () => {
    const registry = createBuiltinRegistry();
    const runner = new JobRunner({
      store,
      logs: new JobLogStore(t.db, store),
      events: new JobEventPublisher(bus),
      registry,
      logger,
      workerId: 'worker-1',
      heartbeatMs: 50,
      progressIntervalMs: 10,
      lockLifetimeMs: 10_000,
    });
    const { record: doc } = await store.create({ tenantId: 't', type: 'demo.count', input: { to: 1000, delayMs: 10, checkpointEvery: 5 }, priority: 0, runAt: new Date(), maxAttempts: 3 });
    const handling = runner.handle({ id: doc.id, refreshLock: () => undefined, scheduleAt: () => undefined });
    // The run is under way and writing: it has saved a checkpoint.
    await eventually('the run to save a checkpoint', async () => runner.running.length > 0 && (await store.findAnyTenant(doc.id))?.checkpoint != null, { intervalMs: 10 });
    // Another worker takes the job over (as after an expired lock) while this run is still going.
    const takeover = await store.startRun(doc.id, 'run-intruder', 'worker-2');
    expect(takeover?.attempt).toBe(2);
    await expect(handling).resolves.toBeUndefined();
    expect(runner.running).toEqual([]);
    const final = await store.findAnyTenant(doc.id);
    expect(final).toMatchObject({ runId: 'run-intruder', attempt: 2, state: 'RUNNING', result: null, errors: [] });
    const checkpointAtTakeover = takeover!.checkpoint;
    expect(final?.checkpoint).toBe(checkpointAtTakeover);
  });

  it("should not let a scheduler take over a RUNNING job whose run still heartbeats, once it asks with the type's lock lifetime", async () => {
    const { record: doc } = await store.create({ tenantId: 't', type: 'demo.count', input: { to: 5 }, priority: 0, runAt: new Date(), maxAttempts: 5 });
    expect((await store.startRun(doc.id, 'run-live', 'worker-1'))?.attempt).toBe(1);
    // A stale scheduler save after a database outage offers the job again while its run is alive and heartbeating.
    expect(await store.heartbeat(doc.id, 'run-live', new Date())).toBe('alive');
    expect(await store.startRun(doc.id, 'run-second', 'worker-2', { takeOverAfterMs: 60_000 })).toBeNull();
    expect(await store.findAnyTenant(doc.id)).toMatchObject({ runId: 'run-live', attempt: 1, state: 'RUNNING' });
    // Once the run has been silent for the lock lifetime, the job is taken over.
    await t.db.collection('agendaJobs').updateOne({ _id: new ObjectId(doc.id) }, { $set: { heartbeatAt: new Date(Date.now() - 61_000) } });
    expect(await store.startRun(doc.id, 'run-second', 'worker-2', { takeOverAfterMs: 60_000 })).toMatchObject({ runId: 'run-second', attempt: 2 });
  });
});
