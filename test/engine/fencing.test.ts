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
import { ClaimGatedRepository } from '../../src/engine/agenda/claimGatedRepository.ts';
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

  describe("the scheduler's save at the end of a hand-over", () => {
    const error = { code: 'LOCK_LOST', message: 'no heartbeat', attempt: 1, at: new Date() };
    let gate: ClaimGatedRepository;
    beforeAll(async () => {
      gate = new ClaimGatedRepository(t.db, 'agendaJobs');
      await gate.connect();
    });
    /** Agenda's own view of a job at a hand-over's end: unlocked, and no next run of its own (a one-off job whose retry it did not schedule). */
    const endOfHandOver = async (id: string, runId: string) => {
      const attrs = { _id: new ObjectId(id), name: 'demo.count', nextRunAt: null, lockedAt: undefined, lastRunAt: new Date(), lastFinishedAt: new Date() };
      gate.bindRun(attrs as never, runId);
      return attrs;
    };
    const schedulingOf = (id: string) => t.db.collection('agendaJobs').findOne({ _id: new ObjectId(id) }, { projection: { nextRunAt: 1, lockedAt: 1, state: 1, runId: 1 } });

    it('should leave the lock and the retry time of the run that replaced it when a replaced run saves late', async () => {
      const { record: doc } = await store.create({ tenantId: 't', type: 'demo.count', input: { to: 5 }, priority: 0, runAt: new Date(), maxAttempts: 5 });
      await store.startRun(doc.id, 'run-old', 'worker-1');
      const stale = await endOfHandOver(doc.id, 'run-old');
      await store.startRun(doc.id, 'run-new', 'worker-2');
      const retryAt = new Date(Date.now() + 60_000);
      expect(await store.fail(doc.id, 'run-new', error, retryAt, false)).toMatchObject({ state: 'RETRYING' });
      const before = await schedulingOf(doc.id);
      await gate.saveJobState(stale as never, undefined);
      expect(await schedulingOf(doc.id)).toEqual(before);
      expect(before).toMatchObject({ state: 'RETRYING', runId: 'run-new', nextRunAt: retryAt });
      expect(before?.lockedAt).toBeInstanceOf(Date);
    });

    it("should unlock a job its run sent to a retry and keep the retry's time, even when the scheduler did not schedule it", async () => {
      const { record: doc } = await store.create({ tenantId: 't', type: 'demo.count', input: { to: 5 }, priority: 0, runAt: new Date(), maxAttempts: 5 });
      await store.startRun(doc.id, 'run-1', 'worker-1');
      const own = await endOfHandOver(doc.id, 'run-1');
      const retryAt = new Date(Date.now() + 60_000);
      await store.fail(doc.id, 'run-1', error, retryAt, false);
      await gate.saveJobState(own as never, undefined);
      expect(await schedulingOf(doc.id)).toMatchObject({ state: 'RETRYING', nextRunAt: retryAt, lockedAt: null });
    });

    it('should leave the lock of a job its run could not record the end of, so that it expires and the job is taken over', async () => {
      const { record: doc } = await store.create({ tenantId: 't', type: 'demo.count', input: { to: 5 }, priority: 0, runAt: new Date(), maxAttempts: 5 });
      const started = await store.startRun(doc.id, 'run-1', 'worker-1');
      const own = await endOfHandOver(doc.id, 'run-1');
      await gate.saveJobState(own as never, undefined);
      const after = await schedulingOf(doc.id);
      expect(after).toMatchObject({ state: 'RUNNING', runId: 'run-1' });
      expect(after?.lockedAt).toEqual(started?.heartbeatAt);
    });
  });

  it('should give a claim that lands late a fresh lock, so that the scheduler does not take it for expired', async () => {
    const gate = new ClaimGatedRepository(t.db, 'agendaJobs');
    await gate.connect();
    const { record: doc } = await store.create({ tenantId: 't', type: 'demo.late', input: {}, priority: 0, runAt: new Date(), maxAttempts: 3 });
    const lockLifetimeMs = 4000;
    // The search was sent 10 s ago (held by the driver through an outage): its lock time is that old when it lands.
    const sentAt = new Date(Date.now() - 10_000);
    const claimed = await gate.getNextJobToRun('demo.late', new Date(Date.now() + 1000), new Date(Date.now() - lockLifetimeMs), sentAt, undefined);
    expect(claimed?._id?.toString()).toBe(doc.id);
    const lockedAt = new Date(claimed!.lockedAt!);
    expect(Date.now() - lockedAt.getTime()).toBeLessThan(lockLifetimeMs / 4);
    const stored = await t.db.collection('agendaJobs').findOne({ _id: new ObjectId(doc.id) });
    expect(stored?.lockedAt).toEqual(lockedAt);
  });
});
