import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebugActionRecord, JobErrorRecord, JobRecord } from '../../src/engine/jobRecord.ts';
import { ANY_TENANT, type JobRepository, type NewJob } from '../../src/engine/jobRepository.ts';

/** An implementation under test, and how to let go of what it holds. */
export interface JobRepositoryFixture {
  repository: JobRepository;
  dispose(): Promise<void>;
}

/**
 * The guarantees every {@link JobRepository} keeps, run against the implementation `create` builds (once for the
 * suite; every test uses tenants of its own, so the store may be shared).
 */
export function jobRepositoryContract(name: string, create: () => Promise<JobRepositoryFixture>): void {
  describe(`JobRepository contract: ${name}`, () => {
    let fixture: JobRepositoryFixture;
    let jobs: JobRepository;

    beforeAll(async () => {
      fixture = await create();
      jobs = fixture.repository;
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    const tenant = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
    const newJob = (tenantId: string, extra: Partial<NewJob> = {}): NewJob => ({ tenantId, type: 'test.job', input: { n: 1 }, priority: 0, runAt: new Date(), maxAttempts: 3, ...extra });
    const add = async (tenantId: string, extra: Partial<NewJob> = {}): Promise<JobRecord> => (await jobs.create(newJob(tenantId, extra))).record;
    const error = (attempt: number, code = 'JOB_FAILED'): JobErrorRecord => ({ code, message: `attempt ${attempt} failed`, attempt, at: new Date() });
    const action = (kind: DebugActionRecord['kind']): DebugActionRecord => ({ kind, at: new Date(), by: 'ops', reason: null });
    /** Far enough ahead that a job moved to DEBUG before it counts as released (see `startDebugRerun`). */
    const later = () => new Date(Date.now() + 3_600_000);

    it('should create a QUEUED job due at its runAt, with the id newId gave', async () => {
      const id = jobs.newId();
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      expect(jobs.newId()).not.toBe(id);
      const runAt = new Date(Date.now() + 60_000);
      const tenantId = tenant('create');
      const { record, created } = await jobs.create(newJob(tenantId, { id, runAt, priority: 7, maxAttempts: 4, input: { 'a.b': [1, [2]], $c: null } }));
      expect(created).toBe(true);
      expect(record).toEqual({
        id,
        tenantId,
        type: 'test.job',
        input: '{"a.b":[1,[2]],"$c":null}',
        priority: 7,
        state: 'QUEUED',
        idempotencyKey: null,
        maxAttempts: 4,
        attempt: 0,
        runId: null,
        workerId: null,
        report: { processed: 0, total: null, message: null },
        checkpoint: null,
        checkpointAt: null,
        result: null,
        lastError: null,
        errors: [],
        retryAt: null,
        createdAt: expect.any(Date),
        runAt,
        dueAt: runAt,
        startedAt: null,
        finishedAt: null,
        heartbeatAt: null,
        claimedAt: null,
        version: 1,
        logCount: 0,
        debugActions: [],
        debugRerunAttempt: null,
      });
      expect(await jobs.findAnyTenant(id)).toEqual(record);
    });

    it('should return the job an idempotency key names within its tenant, and keep keys of different tenants apart', async () => {
      const [a, b] = [tenant('keyA'), tenant('keyB')];
      const first = await jobs.create(newJob(a, { idempotencyKey: 'nightly', input: { n: 1 } }));
      expect(first.created).toBe(true);
      expect(first.record.idempotencyKey).toBe('nightly');
      const replay = await jobs.create(newJob(a, { idempotencyKey: 'nightly', input: { n: 2 } }));
      expect(replay.created).toBe(false);
      expect(replay.record).toEqual(first.record);
      const other = await jobs.create(newJob(b, { idempotencyKey: 'nightly' }));
      expect(other.created).toBe(true);
      expect(other.record.id).not.toBe(first.record.id);
      expect(other.record.tenantId).toBe(b);
      // Jobs without a key never collide.
      const [x, y] = [await jobs.create(newJob(a)), await jobs.create(newJob(a))];
      expect([x.created, y.created]).toEqual([true, true]);
      expect(x.record.id).not.toBe(y.record.id);
      expect((await jobs.findByIdempotencyKey(a, 'nightly'))?.id).toBe(first.record.id);
      expect((await jobs.findByIdempotencyKey(b, 'nightly'))?.id).toBe(other.record.id);
      expect(await jobs.findByIdempotencyKey(a, 'weekly')).toBeNull();
    });

    it('should create many jobs in one call, in order, returning the job a used key names (another request\'s or an earlier one of the batch)', async () => {
      const t = tenant('many');
      const other = tenant('many-other');
      const earlier = await add(t, { idempotencyKey: 'k1' });
      const otherTenant = await add(other, { idempotencyKey: 'k2' });
      const ids = [jobs.newId(), jobs.newId(), jobs.newId(), jobs.newId()];
      const results = await jobs.createMany([
        newJob(t, { id: ids[0], idempotencyKey: 'k1' }),
        newJob(t, { id: ids[1], idempotencyKey: 'k2', input: { n: 2 } }),
        newJob(t, { id: ids[2], idempotencyKey: 'k2', input: { n: 3 } }),
        newJob(t, { id: ids[3], input: { n: 4 } }),
      ]);
      expect(results.map((r) => r.created)).toEqual([false, true, false, true]);
      expect(results[0]!.record.id).toBe(earlier.id);
      expect(results[1]!.record).toMatchObject({ id: ids[1], tenantId: t, state: 'QUEUED', input: JSON.stringify({ n: 2 }) });
      expect(results[2]!.record.id).toBe(ids[1]);
      expect(results[3]!.record).toMatchObject({ id: ids[3], idempotencyKey: null, input: JSON.stringify({ n: 4 }) });
      expect(results.map((r) => r.record.id)).not.toContain(otherTenant.id);
      expect((await jobs.findForTenant(t, ids[2]!))).toBeNull();
      const found = await jobs.findByIdempotencyKeys(t, ['k1', 'k2', 'k3']);
      expect(found.map((r) => r.id).sort()).toEqual([earlier.id, ids[1]].sort());
      expect(await jobs.createMany([])).toEqual([]);
    });

    it("should never hand a tenant another tenant's job, in reads or writes", async () => {
      const [a, b] = [tenant('scopeA'), tenant('scopeB')];
      const jobA = await add(a);
      const jobB = await add(b);
      expect(await jobs.findForTenant(b, jobA.id)).toBeNull();
      expect(await jobs.findForTenant(a, jobA.id)).toEqual(jobA);
      expect(await jobs.findAnyTenant(jobA.id)).toEqual(jobA);
      expect(await jobs.findAnyTenant(jobs.newId())).toBeNull();
      expect((await jobs.findManyAnyTenant([jobA.id, jobB.id, jobs.newId()])).map((r) => r.id).sort()).toEqual([jobA.id, jobB.id].sort());
      expect((await jobs.listForTenant(a, { filter: {}, first: 10 })).records.map((r) => r.id)).toEqual([jobA.id]);
      const everyTenant = (await jobs.listAnyTenant({ filter: {}, first: 1000 })).records.map((r) => r.id);
      expect(everyTenant).toContain(jobA.id);
      expect(everyTenant).toContain(jobB.id);
      // Writes in B's name leave A's job as it was.
      expect(await jobs.cancel(jobA.id, b)).toBeNull();
      expect(await jobs.cancel(jobA.id, a)).toMatchObject({ state: 'CANCELLED' });
      expect(await jobs.requeue(jobA.id, b, ['CANCELLED'])).toBeNull();
      expect((await jobs.findAnyTenant(jobA.id))?.state).toBe('CANCELLED');
      expect(await jobs.requeue(jobA.id, ANY_TENANT, ['CANCELLED'])).toMatchObject({ state: 'QUEUED' });
      const run = await jobs.startRun(jobB.id, 'run-b', 'w');
      expect(await jobs.moveToDebug(jobB.id, 'run-b', error(1), { release: true })).toMatchObject({ state: 'DEBUG' });
      expect(await jobs.requeueFromDebug(jobB.id, a, action('REQUEUED'), later())).toBeNull();
      expect(await jobs.startDebugRerun(jobB.id, a, run!.attempt, action('RERUN_IN_DEBUG'), later())).toBeNull();
      expect(await jobs.discardFromDebug(jobB.id, a, action('DISCARDED'))).toBeNull();
      expect((await jobs.findAnyTenant(jobB.id))?.state).toBe('DEBUG');
      expect(await jobs.discardFromDebug(jobB.id, b, action('DISCARDED'))).toMatchObject({ state: 'FAILED' });
    });

    it('should fence a run out once its job was put back in the queue and claimed by another run', async () => {
      const job = await add(tenant('fence'));
      const first = await jobs.startRun(job.id, 'run-1', 'worker-1');
      expect(first).toMatchObject({ state: 'RUNNING', runId: 'run-1', workerId: 'worker-1', attempt: 1, version: 2, dueAt: null });
      expect(first?.claimedAt).toBeInstanceOf(Date);
      expect(first?.startedAt).toEqual(first?.claimedAt);
      const lost = await jobs.requeueLost(job.id, 'run-1', error(1, 'WORKER_LOST'));
      expect(lost).toMatchObject({ state: 'QUEUED', runId: null, attempt: 1, version: 3, lastError: { code: 'WORKER_LOST' } });
      expect(lost?.errors.map((e) => e.code)).toEqual(['WORKER_LOST']);
      expect(lost?.dueAt).toBeInstanceOf(Date);
      expect(await jobs.heartbeat(job.id, 'run-1', new Date())).toBe('fenced');
      const second = await jobs.startRun(job.id, 'run-2', 'worker-2');
      expect(second).toMatchObject({ state: 'RUNNING', runId: 'run-2', workerId: 'worker-2', attempt: 2, version: 4, startedAt: first?.startedAt });
      // Every write of the stale run matches nothing.
      expect(await jobs.saveProgress(job.id, 'run-1', { processed: 99, total: 100, message: 'stale' })).toBeNull();
      expect(await jobs.saveCheckpoint(job.id, 'run-1', '{"next":99}')).toBeNull();
      expect(await jobs.succeed(job.id, 'run-1', '{"stale":true}', { processed: 99, total: 100, message: null })).toBeNull();
      expect(await jobs.fail(job.id, 'run-1', error(1), null, true)).toBeNull();
      expect(await jobs.moveToDebug(job.id, 'run-1', error(1), { release: true })).toBeNull();
      expect(await jobs.requeueInterrupted(job.id, 'run-1')).toBeNull();
      expect(await jobs.requeueLost(job.id, 'run-1', error(1))).toBeNull();
      expect(await jobs.heartbeat(job.id, 'run-1', new Date())).toBe('fenced');
      expect(await jobs.findAnyTenant(job.id)).toEqual(second);
      // The current run writes.
      expect(await jobs.heartbeat(job.id, 'run-2', new Date())).toBe('alive');
      expect(await jobs.saveProgress(job.id, 'run-2', { processed: 5, total: 10, message: 'half' })).toMatchObject({ report: { processed: 5, total: 10, message: 'half' }, version: 5 });
      expect(await jobs.saveCheckpoint(job.id, 'run-2', '{"next":5}')).toMatchObject({ checkpoint: '{"next":5}', version: 5 });
      const done = await jobs.succeed(job.id, 'run-2', '{"counted":10}', { processed: 10, total: 10, message: null });
      expect(done).toMatchObject({ state: 'SUCCEEDED', result: '{"counted":10}', report: { processed: 10, total: 10, message: null }, version: 6, dueAt: null });
      expect(done?.finishedAt).toBeInstanceOf(Date);
    });

    it('should tell a run its job was cancelled, and still take its checkpoint but no more progress', async () => {
      const tenantId = tenant('cancelRun');
      const job = await add(tenantId);
      await jobs.startRun(job.id, 'run-1', 'w');
      expect(await jobs.cancel(job.id, tenantId)).toMatchObject({ state: 'CANCELLED', dueAt: null, version: 3 });
      expect(await jobs.heartbeat(job.id, 'run-1', new Date())).toBe('cancelled');
      expect(await jobs.saveProgress(job.id, 'run-1', { processed: 1, total: null, message: null })).toBeNull();
      expect(await jobs.saveCheckpoint(job.id, 'run-1', '{"next":1}')).toMatchObject({ state: 'CANCELLED', checkpoint: '{"next":1}' });
      expect(await jobs.succeed(job.id, 'run-1', 'null', { processed: 1, total: null, message: null })).toBeNull();
    });

    it('should move a job only between the states each method names', async () => {
      const tenantId = tenant('states');
      const job = await add(tenantId);
      const cancelled = await jobs.cancel(job.id, tenantId);
      expect(cancelled).toMatchObject({ state: 'CANCELLED', dueAt: null, version: 2 });
      expect(cancelled?.finishedAt).toBeInstanceOf(Date);
      expect(await jobs.cancel(job.id, tenantId)).toBeNull();
      expect(await jobs.startRun(job.id, 'run-x', 'w')).toBeNull();
      expect(await jobs.requeue(job.id, tenantId, ['FAILED'])).toBeNull();
      const requeued = await jobs.requeue(job.id, tenantId, ['FAILED', 'CANCELLED']);
      expect(requeued).toMatchObject({ state: 'QUEUED', attempt: 0, finishedAt: null, retryAt: null, version: 3 });
      expect(requeued?.dueAt).toBeInstanceOf(Date);

      await jobs.startRun(job.id, 'run-1', 'w');
      const failed = await jobs.fail(job.id, 'run-1', error(1), null, false);
      expect(failed).toMatchObject({ state: 'FAILED', retryAt: null, dueAt: null, lastError: { message: 'attempt 1 failed' } });
      expect(failed?.finishedAt).toBeInstanceOf(Date);
      expect(await jobs.cancel(job.id, tenantId)).toBeNull();
      expect(await jobs.startRun(job.id, 'run-2', 'w')).toBeNull();
      expect(await jobs.discardFromDebug(job.id, tenantId, action('DISCARDED'))).toBeNull();
      expect(await jobs.wakeWaiting(job.id)).toBeNull();

      // Shutdown: the interrupted attempt does not count.
      const other = await add(tenantId);
      await jobs.startRun(other.id, 'run-3', 'w');
      const interrupted = await jobs.requeueInterrupted(other.id, 'run-3');
      expect(interrupted).toMatchObject({ state: 'QUEUED', attempt: 0, runId: null });
      expect(interrupted?.dueAt).toBeInstanceOf(Date);
      const woken = await jobs.wakeWaiting(other.id);
      expect(woken?.dueAt?.getTime()).toBeLessThanOrEqual(Date.now());
      await jobs.startRun(other.id, 'run-4', 'w');
      expect(await jobs.wakeWaiting(other.id)).toBeNull();
      expect(await jobs.succeed(other.id, 'run-4', 'null', { processed: 0, total: null, message: null })).toMatchObject({ state: 'SUCCEEDED' });
      expect(await jobs.succeed(other.id, 'run-4', 'null', { processed: 0, total: null, message: null })).toBeNull();
      expect(await jobs.requeue(other.id, tenantId, ['FAILED', 'CANCELLED'])).toBeNull();
    });

    it('should route a run to the debug queue and out of it by rerun, requeue or discard, recording each action', async () => {
      const tenantId = tenant('debug');
      const job = await add(tenantId, { maxAttempts: 1 });
      await jobs.startRun(job.id, 'run-1', 'w');
      const parked = await jobs.moveToDebug(job.id, 'run-1', error(1), { reason: 'attempts spent', release: true });
      expect(parked).toMatchObject({ state: 'DEBUG', dueAt: null, runId: null, retryAt: null, debugRerunAttempt: null });
      expect(parked?.debugActions).toEqual([{ kind: 'ENTERED', at: expect.any(Date), by: null, reason: 'attempts spent' }]);
      expect(await jobs.startRun(job.id, 'run-x', 'w')).toBeNull();
      expect(await jobs.cancel(job.id, tenantId)).toBeNull();
      expect(await jobs.startDebugRerun(job.id, tenantId, 2, action('RERUN_IN_DEBUG'), later())).toBeNull();
      const rerun = await jobs.startDebugRerun(job.id, tenantId, 1, action('RERUN_IN_DEBUG'), later());
      expect(rerun).toMatchObject({ state: 'QUEUED', attempt: 1, debugRerunAttempt: 2, finishedAt: null });
      expect(rerun?.dueAt).toBeInstanceOf(Date);
      expect(await jobs.startRun(job.id, 'run-2', 'w')).toMatchObject({ attempt: 2, debugRerunAttempt: 2 });
      await jobs.moveToDebug(job.id, 'run-2', error(2), { release: true });
      const requeued = await jobs.requeueFromDebug(job.id, tenantId, action('REQUEUED'), later());
      expect(requeued).toMatchObject({ state: 'QUEUED', attempt: 0, debugRerunAttempt: null, result: null });
      expect(await jobs.requeueFromDebug(job.id, tenantId, action('REQUEUED'), later())).toBeNull();
      await jobs.startRun(job.id, 'run-3', 'w');
      await jobs.moveToDebug(job.id, 'run-3', error(1), { release: true });
      const discarded = await jobs.discardFromDebug(job.id, tenantId, { ...action('DISCARDED'), reason: 'bad data' });
      expect(discarded).toMatchObject({ state: 'FAILED', debugRerunAttempt: null });
      expect(discarded?.debugActions.map((a) => [a.kind, a.by])).toEqual([
        ['ENTERED', null],
        ['RERUN_IN_DEBUG', 'ops'],
        ['ENTERED', null],
        ['REQUEUED', 'ops'],
        ['ENTERED', null],
        ['DISCARDED', 'ops'],
      ]);
      expect(discarded?.errors.map((e) => e.attempt)).toEqual([1, 2, 1]);
    });

    it('should schedule a released retry at exactly its retryAt, and claim it again', async () => {
      const job = await add(tenant('retry'));
      await jobs.startRun(job.id, 'run-1', 'w');
      const retryAt = new Date(Date.now() + 90_000);
      const retrying = await jobs.fail(job.id, 'run-1', error(1), retryAt, true);
      expect(retrying).toMatchObject({ state: 'RETRYING', retryAt, dueAt: retryAt, runId: null, attempt: 1, finishedAt: null });
      expect(retrying?.errors).toHaveLength(1);
      const again = await jobs.startRun(job.id, 'run-2', 'w');
      expect(again).toMatchObject({ state: 'RUNNING', runId: 'run-2', attempt: 2, retryAt: null, dueAt: null });
      // Without releasing (the scheduler saves the job itself), the retry time is still recorded.
      const kept = await jobs.fail(job.id, 'run-2', error(2), retryAt, false);
      expect(kept).toMatchObject({ state: 'RETRYING', retryAt });
      expect(kept?.errors.map((e) => e.attempt)).toEqual([1, 2]);
    });

    it('should take over a RUNNING job only once its run was silent for takeOverAfterMs', async () => {
      const job = await add(tenant('takeover'));
      await jobs.startRun(job.id, 'run-live', 'w1');
      expect(await jobs.startRun(job.id, 'run-next', 'w2', { takeOverAfterMs: 60_000 })).toBeNull();
      expect(await jobs.startRun(job.id, 'run-next', 'w2')).toMatchObject({ runId: 'run-next', attempt: 2 });
    });

    it('should page a list newest first, by creation time then id, and filter it by state and type', async () => {
      const tenantId = tenant('pages');
      const created: JobRecord[] = [];
      for (let i = 0; i < 5; i++) created.push(await add(tenantId, { type: i % 2 === 0 ? 'test.even' : 'test.odd' }));
      const order = [...created].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0)).map((r) => r.id);
      const pages: { ids: string[]; hasNextPage: boolean }[] = [];
      let after: JobRecord | undefined;
      do {
        const page = await jobs.listForTenant(tenantId, { filter: {}, first: 2, after: after === undefined ? null : { createdAt: after.createdAt, id: after.id } });
        pages.push({ ids: page.records.map((r) => r.id), hasNextPage: page.hasNextPage });
        after = page.records.at(-1);
      } while (pages.at(-1)!.hasNextPage);
      expect(pages).toEqual([
        { ids: order.slice(0, 2), hasNextPage: true },
        { ids: order.slice(2, 4), hasNextPage: true },
        { ids: order.slice(4), hasNextPage: false },
      ]);
      await jobs.cancel(created[1]!.id, tenantId);
      await jobs.cancel(created[2]!.id, tenantId);
      expect((await jobs.listForTenant(tenantId, { filter: { states: ['CANCELLED'] }, first: 10 })).records.map((r) => r.id)).toEqual(order.filter((id) => id === created[1]!.id || id === created[2]!.id));
      expect((await jobs.listForTenant(tenantId, { filter: { types: ['test.even'], states: ['QUEUED'] }, first: 10 })).records.map((r) => r.id)).toEqual(
        order.filter((id) => id === created[0]!.id || id === created[4]!.id),
      );
      expect(await jobs.listForTenant(tenantId, { filter: { types: ['test.none'] }, first: 10 })).toEqual({ records: [], hasNextPage: false });
    });

    it('should glimpse jobs by id, list RUNNING ones, and count what statistics need', async () => {
      const tenantId = tenant('stats');
      const past = new Date(Date.now() - 120_000);
      const oldest = await add(tenantId, { runAt: past, type: 'test.a' });
      await add(tenantId, { runAt: new Date(Date.now() - 60_000), type: 'test.a' });
      await add(tenantId, { runAt: new Date(Date.now() + 60_000), type: 'test.b' });
      const running = await add(tenantId, { type: 'test.b' });
      const claimed = await jobs.startRun(running.id, 'run-s', 'w');
      const missing = jobs.newId();
      expect(await jobs.peek([oldest.id, running.id, missing])).toEqual(
        new Map([
          [oldest.id, { state: 'QUEUED', runId: null, heartbeatAt: null }],
          [running.id, { state: 'RUNNING', runId: 'run-s', heartbeatAt: claimed!.heartbeatAt }],
        ]),
      );
      const listed = (await jobs.listRunning()).filter((r) => r.tenantId === tenantId);
      expect(listed.map((r) => [r.id, r.runId, r.workerId, r.attempt])).toEqual([[running.id, 'run-s', 'w', 1]]);
      expect(await jobs.oldestDueQueuedRunAt(tenantId, new Date())).toEqual(past);
      expect(await jobs.oldestDueQueuedRunAt(tenant('nobody'), new Date())).toBeNull();
      const done = await jobs.succeed(running.id, 'run-s', 'null', { processed: 0, total: null, message: null });
      const sorted = (rows: { type: string; state: string }[]) => rows.sort((x, y) => x.type.localeCompare(y.type) || x.state.localeCompare(y.state));
      expect(sorted(await jobs.countByTypeAndState(tenantId, 'live'))).toEqual([
        { type: 'test.a', state: 'QUEUED', count: 2 },
        { type: 'test.b', state: 'QUEUED', count: 1 },
      ]);
      expect(await jobs.countByTypeAndState(tenantId, 'ended')).toEqual([{ type: 'test.b', state: 'SUCCEEDED', count: 1 }]);
      expect(done?.state).toBe('SUCCEEDED');
    });

    it('should keep every ended job readable, listable, keyed and requeueable like a live one', async () => {
      const tenantId = tenant('ended');
      const done = await add(tenantId, { idempotencyKey: 'ended-key' });
      await jobs.startRun(done.id, 'run-d', 'w');
      const succeeded = await jobs.succeed(done.id, 'run-d', '{"ok":true}', { processed: 1, total: 1, message: null });
      const failedJob = await add(tenantId);
      await jobs.startRun(failedJob.id, 'run-f', 'w');
      const failed = await jobs.fail(failedJob.id, 'run-f', error(1), null, false);
      const live = await add(tenantId);
      // By id, by key, in batches: as written.
      expect(await jobs.findAnyTenant(done.id)).toEqual(succeeded);
      expect(await jobs.findForTenant(tenantId, done.id)).toEqual(succeeded);
      expect(await jobs.findForTenant(tenant('other'), done.id)).toBeNull();
      expect(await jobs.findByIdempotencyKey(tenantId, 'ended-key')).toEqual(succeeded);
      expect((await jobs.findManyAnyTenant([done.id, failedJob.id, live.id])).sort((x, y) => x.id.localeCompare(y.id))).toEqual([succeeded, failed, live].sort((x, y) => x!.id.localeCompare(y!.id)));
      expect((await jobs.peek([done.id, failedJob.id])).get(done.id)).toMatchObject({ state: 'SUCCEEDED', runId: 'run-d' });
      // The key still names the ended job: no second job with it.
      expect(await jobs.create(newJob(tenantId, { idempotencyKey: 'ended-key' }))).toEqual({ record: succeeded, created: false });
      // Lists: ended and live ones together, newest first; by state, only the state asked for.
      expect((await jobs.listForTenant(tenantId, { filter: {}, first: 10 })).records.map((r) => r.id)).toEqual([live.id, failedJob.id, done.id]);
      expect((await jobs.listForTenant(tenantId, { filter: {}, first: 2 })).hasNextPage).toBe(true);
      expect((await jobs.listForTenant(tenantId, { filter: { states: ['SUCCEEDED', 'QUEUED'] }, first: 10 })).records.map((r) => r.id)).toEqual([live.id, done.id]);
      expect((await jobs.listForTenant(tenantId, { filter: { states: ['QUEUED'] }, first: 10 })).records.map((r) => r.id)).toEqual([live.id]);
      // Nothing of a run writes to an ended job any more, and the log takes no line past its end but its own.
      expect(await jobs.heartbeat(done.id, 'run-d', new Date())).toBe('fenced');
      expect(await jobs.saveProgress(done.id, 'run-d', { processed: 2, total: 1, message: null })).toBeNull();
      expect(await jobs.reserveLogLines(done.id, 2)).toEqual({ first: 1, kept: 2, dropped: null });
      expect((await jobs.findAnyTenant(done.id))?.logCount).toBe(2);
      // Requeued: live again, runnable, once.
      const requeued = await jobs.requeue(failedJob.id, tenantId, ['FAILED', 'CANCELLED']);
      expect(requeued).toMatchObject({ id: failedJob.id, state: 'QUEUED', attempt: 0, finishedAt: null, version: failed!.version + 1 });
      expect(await jobs.requeue(failedJob.id, tenantId, ['FAILED', 'CANCELLED'])).toBeNull();
      expect(await jobs.findAnyTenant(failedJob.id)).toEqual(requeued);
      expect((await jobs.listForTenant(tenantId, { filter: {}, first: 10 })).records.map((r) => r.id)).toEqual([live.id, failedJob.id, done.id]);
      expect(await jobs.startRun(failedJob.id, 'run-f2', 'w')).toMatchObject({ state: 'RUNNING', attempt: 1 });
    });

    it('should number log lines within the cap and count the lines dropped past it', async () => {
      const job = await add(tenant('logs'));
      expect(await jobs.reserveLogLines(job.id, 3, 5)).toEqual({ first: 1, kept: 3, dropped: null });
      expect(await jobs.reserveLogLines(job.id, 3, 5)).toEqual({ first: 4, kept: 2, dropped: { total: 1, seq: 6 } });
      expect(await jobs.reserveLogLines(job.id, 2, 5)).toEqual({ first: 0, kept: 0, dropped: { total: 3, seq: 6 } });
      expect((await jobs.findAnyTenant(job.id))?.logCount).toBe(6);
      const uncapped = await add(tenant('logs'));
      expect(await jobs.reserveLogLines(uncapped.id, 4)).toEqual({ first: 1, kept: 4, dropped: null });
      expect(await jobs.reserveLogLines(jobs.newId(), 1, 5)).toEqual({ first: 0, kept: 0, dropped: null });
    });

    it('should delete jobs that ended SUCCEEDED, FAILED or CANCELLED before the cutoff, at most limit at a time, and no other', async () => {
      const tenantId = tenant('retention');
      const ran = async (runId: string) => {
        const job = await add(tenantId);
        await jobs.startRun(job.id, runId, 'w');
        return job;
      };
      const ok = await ran('run-ok');
      await jobs.reserveLogLines(ok.id, 4);
      await jobs.succeed(ok.id, 'run-ok', 'null', { processed: 0, total: null, message: null });
      const failed = await ran('run-failed');
      await jobs.fail(failed.id, 'run-failed', error(1), null, false);
      const cancelled = await add(tenantId);
      await jobs.cancel(cancelled.id, tenantId);
      const debug = await ran('run-debug');
      await jobs.moveToDebug(debug.id, 'run-debug', error(1));
      const running = await ran('run-running');
      const queued = await add(tenantId);
      expect(await jobs.deleteFinishedBefore(new Date(0), 10)).toEqual([]);
      const deleted = [];
      for (;;) {
        const batch = await jobs.deleteFinishedBefore(new Date(Date.now() + 60_000), 2);
        expect(batch.length).toBeLessThanOrEqual(2);
        if (batch.length === 0) break;
        deleted.push(...batch);
      }
      const ours = deleted.filter((d) => d.tenantId === tenantId).sort((x, y) => x.id.localeCompare(y.id));
      expect(ours).toEqual(
        [
          { id: ok.id, tenantId, type: 'test.job', logCount: 4 },
          { id: failed.id, tenantId, type: 'test.job', logCount: 0 },
          { id: cancelled.id, tenantId, type: 'test.job', logCount: 0 },
        ].sort((x, y) => x.id.localeCompare(y.id)),
      );
      expect(await jobs.findManyAnyTenant([ok.id, failed.id, cancelled.id])).toEqual([]);
      expect((await jobs.findManyAnyTenant([debug.id, running.id, queued.id])).map((j) => j.state).sort()).toEqual(['DEBUG', 'QUEUED', 'RUNNING']);
    });
  });
}
