import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { z } from 'zod';
import { ObjectId } from 'mongodb';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import { NonRetryableError } from '../../src/engine/errors/index.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobRunner } from '../../src/engine/jobRunner.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { defineJobType } from '../../src/engine/jobType.ts';
import { JobTypeRegistry } from '../../src/engine/jobTypeRegistry.ts';
import { RetryScheduledError } from '../../src/engine/retryScheduledError.ts';
import { debugQueueCompanions } from '../../src/monitoring/debugQueueEvents.ts';
import { BackupNotFoundError, FileUnavailableError } from '../../src/storage/errors/index.ts';
import { RecoveryFailedError, RecoveryFailureCode } from '../../src/jobs/salesforce/errors/index.ts';

/** An error class a type's predicate rule routes straight to the debug queue. */
class BadRecordError extends Error {
  override readonly name = 'BadRecordError';
}

const Input = z.object({ throw: z.enum(['plain', 'nonRetryable', 'badRecord', 'backupGone', 'fileGone', 'unmapped']) });
const fail = (kind: z.output<typeof Input>['throw']): never => {
  if (kind === 'nonRetryable') throw new NonRetryableError('input row 7 is malformed', { code: 'VALIDATION_FAILED' });
  if (kind === 'badRecord') throw new BadRecordError('record 42 cannot be saved');
  // Errors of the layers below the engine that no retry fixes: storage errors say so themselves.
  if (kind === 'backupGone') throw new BackupNotFoundError('backup b1 not found');
  if (kind === 'fileGone') throw new FileUnavailableError('file b1#0 not found');
  if (kind === 'unmapped') throw new RecoveryFailedError(RecoveryFailureCode.UnmappedReferences, 'no target for OwnerId');
  throw new Error('plain failure');
};

/** Routing rules, not timing: one runner handles attempts by hand (no scheduler), against a real database and bus. */
describe('debug-queue routing of failed attempts', () => {
  let t: TestDatabase;
  let store: AgendaJobRepository;
  let bus: MongoBus;
  let runner: JobRunner;
  const logger = pino({ level: 'silent' });
  const registry = new JobTypeRegistry()
    .register(defineJobType({ name: 'test.routed', description: 'fails', input: Input, debugQueue: { straightToDebug: (e) => e instanceof BadRecordError }, run: async (ctx) => fail(ctx.input.throw) }))
    .register(defineJobType({ name: 'test.optedOut', description: 'fails', input: Input, debugQueue: { enabled: false }, run: async (ctx) => fail(ctx.input.throw) }));

  const createJob = async (type: string, input: z.input<typeof Input>, maxAttempts = 3) =>
    (await store.create({ tenantId: 'tenantR', type, input, priority: 0, runAt: new Date(), maxAttempts })).record.id;
  /** Runs one attempt; says whether the runner asked the scheduler for a retry. */
  const attempt = async (id: Awaited<ReturnType<typeof createJob>>): Promise<'retry' | 'ended'> => {
    try {
      await runner.handle({ id, refreshLock: () => undefined, scheduleAt: () => undefined });
      return 'ended';
    } catch (error) {
      if (error instanceof RetryScheduledError) return 'retry';
      throw error;
    }
  };
  /** Agenda's lock on the job, as stored (the adapter's own field). */
  const lockOf = async (id: string) => (await t.db.collection('agendaJobs').findOne({ _id: new ObjectId(id) }))?.lockedAt;
  const busEvents = (jobId: string) => t.db.collection('events').find({ $or: [{ jobId }, { 'payload.jobId': jobId }] }).sort({ seq: 1 }).toArray();

  beforeAll(async () => {
    t = await withTestDatabase('debugroute');
    store = new AgendaJobRepository(t.db);
    bus = new MongoBus({ db: t.db, logger, wait: 'client' });
    await bus.ensureCollection();
    runner = new JobRunner({
      store,
      logs: new JobLogStore(t.db, store),
      events: new JobEventPublisher(bus, debugQueueCompanions),
      registry,
      logger,
      workerId: 'worker-r',
      heartbeatMs: 1000,
      progressIntervalMs: 10,
      lockLifetimeMs: 10_000,
      backoffMs: 10,
    });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('should retry an ordinary error, then move the job to DEBUG with one DEBUG event and one DEBUG_ENTERED', async () => {
    const id = await createJob('test.routed', { throw: 'plain' }, 2);
    expect(await attempt(id)).toBe('retry');
    expect((await store.findAnyTenant(id))?.state).toBe('RETRYING');
    expect(await attempt(id)).toBe('ended');
    const doc = await store.findAnyTenant(id);
    expect(doc).toMatchObject({ state: 'DEBUG', attempt: 2, lastError: { message: 'plain failure', attempt: 2 }, debugRerunAttempt: null });
    expect(doc?.errors.map((e) => e.attempt)).toEqual([1, 2]);
    expect(doc?.debugActions).toEqual([{ kind: 'ENTERED', at: expect.any(Date), by: null, reason: expect.stringMatching(/attempts spent \(2 of 2\)/) }]);
    const events = await busEvents(id);
    expect(events.map((e) => [e.topic, e.payload.kind])).toEqual([
      ['job', 'STARTED'],
      ['job', 'RETRYING'],
      ['job', 'STARTED'],
      ['job', 'DEBUG'],
      ['monitoring', 'DEBUG_ENTERED'],
    ]);
    expect(events.at(-1)).toMatchObject({ tenantId: 'tenantR', payload: { jobId: id } });
  });

  it('should send a NonRetryableError, a permanent storage error, a recovery failure and an error matched by the type\'s predicate straight to DEBUG', async () => {
    for (const kind of ['nonRetryable', 'badRecord'] as const) {
      const id = await createJob('test.routed', { throw: kind }, 3);
      expect(await attempt(id)).toBe('ended');
      const doc = await store.findAnyTenant(id);
      expect(doc).toMatchObject({ state: 'DEBUG', attempt: 1 });
      expect(doc?.debugActions?.[0]?.reason).toMatch(/is not retried/);
    }
    for (const [kind, code] of [['backupGone', 'BACKUP_NOT_FOUND'], ['fileGone', 'FILE_UNAVAILABLE'], ['unmapped', 'UNMAPPED_REFERENCES']] as const) {
      const id = await createJob('test.routed', { throw: kind }, 3);
      expect(await attempt(id)).toBe('ended');
      const doc = await store.findAnyTenant(id);
      expect(doc, kind).toMatchObject({ state: 'DEBUG', attempt: 1, lastError: { code } });
    }
    const validation = await store.listForTenant('tenantR', { filter: { states: ['DEBUG'] }, first: 10 });
    expect(validation.records.some((d) => d.lastError?.code === 'VALIDATION_FAILED')).toBe(true);
  });

  it('should end a job of a type that opted out as FAILED, as before: after its attempts, or at once for a non-retryable error', async () => {
    const spent = await createJob('test.optedOut', { throw: 'plain' }, 2);
    expect(await attempt(spent)).toBe('retry');
    expect(await attempt(spent)).toBe('ended');
    const nonRetryable = await createJob('test.optedOut', { throw: 'nonRetryable' }, 3);
    expect(await attempt(nonRetryable)).toBe('ended');
    for (const [id, attempts] of [
      [spent, 2],
      [nonRetryable, 1],
    ] as const) {
      const doc = await store.findAnyTenant(id);
      expect(doc).toMatchObject({ state: 'FAILED', attempt: attempts });
      expect(doc?.debugActions).toEqual([]);
      const kinds = (await busEvents(id)).map((e) => e.payload.kind);
      expect(kinds.at(-1)).toBe('FAILED');
      expect(kinds).not.toContain('DEBUG_ENTERED');
    }
  });

  it('should let the zombie detector move a lost run out of attempts to DEBUG, releasing its lock, fenced by its run id', async () => {
    const id = await createJob('test.routed', { throw: 'plain' }, 1);
    await store.startRun(id, 'run-lost', 'worker-dead');
    expect((await lockOf(id))).not.toBeNull();
    const record = { code: 'WORKER_LOST', message: 'worker-dead stopped heartbeating', attempt: 1, at: new Date() };
    expect(await store.moveToDebug(id, 'run-other', record, { release: true })).toBeNull();
    const moved = await store.moveToDebug(id, 'run-lost', record, { release: true, reason: 'zombie out of attempts: WORKER_LOST' });
    expect(moved).toMatchObject({ state: 'DEBUG', dueAt: null, runId: null, lastError: { code: 'WORKER_LOST' } });
    expect(await lockOf(id)).toBeNull();
    expect(moved?.debugActions).toEqual([{ kind: 'ENTERED', at: expect.any(Date), by: null, reason: 'zombie out of attempts: WORKER_LOST' }]);
    // Released: an operator can requeue it at once.
    expect(await store.requeueFromDebug(id, null, { kind: 'REQUEUED', at: new Date(), by: 'ops', reason: null }, new Date(0))).toMatchObject({ state: 'QUEUED', attempt: 0 });
  });

  it('should hold back requeue and rerun of a DEBUG job still locked by its run, unless the lock outlived the staleness bound', async () => {
    const id = await createJob('test.routed', { throw: 'plain' }, 1);
    await store.startRun(id, 'run-1', 'worker-r');
    const record = { code: 'JOB_FAILED', message: 'failed', attempt: 1, at: new Date() };
    // As the runner does: the scheduler, not the store, releases the lock after the run returns.
    const moved = await store.moveToDebug(id, 'run-1', record);
    expect(await lockOf(id)).not.toBeNull();
    const action = { kind: 'REQUEUED' as const, at: new Date(), by: 'ops', reason: null };
    const entered = moved!.finishedAt!.getTime();
    expect(await store.requeueFromDebug(id, null, action, new Date(entered - 1000))).toBeNull();
    expect(await store.startDebugRerun(id, null, 1, { ...action, kind: 'RERUN_IN_DEBUG' }, new Date(entered - 1000))).toBeNull();
    expect(await store.requeueFromDebug(id, 'anotherTenant', action, new Date(entered + 1000))).toBeNull();
    const rerun = await store.startDebugRerun(id, 'tenantR', 1, { ...action, kind: 'RERUN_IN_DEBUG' }, new Date(entered + 1000));
    expect(rerun).toMatchObject({ state: 'QUEUED', attempt: 1, debugRerunAttempt: 2 });
    expect(await lockOf(id)).toBeNull();
    expect(rerun?.debugActions?.map((a) => a.kind)).toEqual(['ENTERED', 'RERUN_IN_DEBUG']);
  });
});
