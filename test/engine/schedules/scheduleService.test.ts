import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withTestDatabase, type TestDatabase } from '../../support/database.ts';
import type { Bus } from '../../../src/bus/bus.ts';
import { collectionSpecs } from '../../../src/app/collectionSpecs.ts';
import { ensureIndexes } from '../../../src/db/ensureIndexes.ts';
import { AgendaJobRepository } from '../../../src/engine/agenda/agendaJobRepository.ts';
import { InvalidScheduleError, OwnedScheduleError, ScheduleNotFoundError } from '../../../src/engine/errors/index.ts';
import { JobEventPublisher } from '../../../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../../../src/engine/jobLogStore.ts';
import { JobService, type Caller } from '../../../src/engine/jobService.ts';
import { TenantQuotaStore } from '../../../src/engine/tenantQuotaStore.ts';
import { ScheduleRunStore } from '../../../src/engine/schedules/scheduleRunStore.ts';
import { ScheduleService, type ScheduleSpec } from '../../../src/engine/schedules/scheduleService.ts';
import { ScheduleStore } from '../../../src/engine/schedules/scheduleStore.ts';
import { createBuiltinRegistry } from '../../../src/jobs/builtinJobTypes.ts';
import { DEFAULT_SCHEDULE_CONFIG } from '../../../src/config/scheduleConfig.ts';
import { findJobDocuments } from '../../support/jobDocuments.ts';

const A: Caller = { tenantId: 'tenantA', operator: false };
const B: Caller = { tenantId: 'tenantB', operator: false };
const OPERATOR: Caller = { tenantId: 'ops', operator: true };
const T0 = new Date('2030-01-01T00:00:00Z');

/**
 * The schedule service as several processes run it: one database, several services (one per "process"), one
 * injected clock that the test moves. No job runs here (no worker): jobs stay QUEUED unless the test ends them.
 */
describe('ScheduleService: one job per occurrence with many tickers, catch-up, overlap, pause, owned schedules, bad input', () => {
  let database: TestDatabase;
  let clock: Date;
  let jobs: JobService;
  let services: ScheduleService[];
  let schedules: ScheduleService;

  const tickAll = () => Promise.all(services.map((s) => s.tick()));
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  /** The scheduled jobs of a schedule, occurrence time (ms) → jobs, read from the jobs collection. */
  async function jobsByOccurrence(scheduleId: string): Promise<Map<number, number>> {
    const docs = await findJobDocuments(database.db, { idempotencyKey: { $regex: `^schedule:${scheduleId}:` } });
    const counts = new Map<number, number>();
    for (const doc of docs) {
      const at = Number(String(doc.idempotencyKey).split(':')[2]);
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    return counts;
  }

  beforeAll(async () => {
    database = await withTestDatabase('schedules');
    await ensureIndexes(database.db, collectionSpecs);
    const registry = createBuiltinRegistry({ demoJobs: true }).register({ name: 'test.internal', description: 'internal', visibility: 'internal', input: z.object({ orgId: z.string() }), run: () => Promise.resolve(null) });
    const silentBus = { publish: async () => undefined } as unknown as Bus;
    const repository = new AgendaJobRepository(database.db);
    jobs = new JobService(repository, new JobLogStore(database.db, repository), new TenantQuotaStore(database.db), silentBus, registry, new JobEventPublisher(silentBus));
    // Four "processes", each with its own stores and service over the same database and the same clock.
    services = Array.from({ length: 4 }, () => new ScheduleService({ store: new ScheduleStore(database.db), runs: new ScheduleRunStore(database.db), jobs, config: { ...DEFAULT_SCHEDULE_CONFIG, catchUpMax: 3 }, now: () => clock }));
    schedules = services[0]!;
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(() => {
    clock = new Date(T0.getTime() + Math.floor(Math.random() * 1000) * 3_600_000);
  });

  const create = (spec: Partial<ScheduleSpec>, caller: Caller = A) => schedules.create(caller, { name: 's', jobType: 'demo.count', input: { to: 1 }, every: 'PT2S', overlap: 'QUEUE', ...spec });

  it('should create exactly one job per occurrence while four tickers race over thirty occurrences', async () => {
    const schedule = await create({ every: 'PT2S' });
    for (let step = 0; step < 60; step += 1) {
      advance(1000);
      await tickAll();
    }
    const counts = await jobsByOccurrence(schedule.id);
    const expected = Array.from({ length: 30 }, (_, i) => schedule.createdAt.getTime() + (i + 1) * 2000);
    expect([...counts.keys()].sort()).toEqual(expected);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const read = await schedules.get(A, schedule.id);
    expect(read?.lastRun?.occurrenceAt.getTime()).toBe(expected.at(-1));
    expect(read?.nextRunAt?.getTime()).toBe(expected.at(-1)! + 2000);
    const page = await schedules.runs(A, read!, 5);
    expect(page.edges.map((e) => e.node.occurrenceAt.getTime())).toEqual(expected.slice(-5).reverse());
    expect(page.edges.every((e) => e.node.job?.type === 'demo.count')).toBe(true);
    expect(page.hasNextPage).toBe(true);
  });

  it('should create one job for everything missed with catchUp LATEST, none with NONE, the latest few with ALL', async () => {
    const latest = await create({ every: 'PT2M', catchUp: 'LATEST' });
    const none = await create({ every: 'PT2M', catchUp: 'NONE' });
    const all = await create({ every: 'PT2M', catchUp: 'ALL' });
    // Every process down for 20 minutes and a half: 10 occurrences missed, the latest 90 s ago (past the 60 s grace).
    advance(20 * 60_000 + 90_000);
    await tickAll();
    const lastMissed = latest.createdAt.getTime() + 10 * 120_000;
    expect([...(await jobsByOccurrence(latest.id)).entries()]).toEqual([[lastMissed, 1]]);
    expect((await jobsByOccurrence(none.id)).size).toBe(0);
    expect([...(await jobsByOccurrence(all.id)).keys()].sort()).toEqual([lastMissed - 240_000, lastMissed - 120_000, lastMissed]);
    for (const s of [latest, none, all]) expect((await schedules.get(A, s.id))?.nextRunAt?.getTime()).toBe(lastMissed + 120_000);
    // Back on time: NONE runs again.
    advance(30_000);
    await tickAll();
    expect([...(await jobsByOccurrence(none.id)).keys()]).toEqual([lastMissed + 120_000]);
  });

  it('should skip an occurrence while the previous job has not ended with overlap SKIP, and cancel it with CANCEL_RUNNING', async () => {
    const skip = await create({ every: 'PT5S', overlap: 'SKIP' });
    const cancel = await create({ every: 'PT5S', overlap: 'CANCEL_RUNNING' });
    advance(5000);
    await tickAll();
    advance(5000);
    await tickAll();
    // The first jobs are still QUEUED: SKIP made no second one; CANCEL_RUNNING cancelled the first.
    expect((await jobsByOccurrence(skip.id)).size).toBe(1);
    const cancelRuns = (await schedules.runs(A, (await schedules.get(A, cancel.id))!, 10)).edges.map((e) => e.node.job!);
    expect(cancelRuns.map((j) => j.state)).toEqual(['QUEUED', 'CANCELLED']);
    // Once the job has ended, SKIP creates again.
    const first = (await schedules.get(A, skip.id))!.lastRun!.jobId;
    await jobs.cancel(A, first);
    advance(5000);
    await tickAll();
    expect((await jobsByOccurrence(skip.id)).size).toBe(2);
  });

  it('should create nothing while paused, and start again from the next occurrence after resume', async () => {
    const schedule = await create({ every: 'PT2S' });
    await schedules.pause(A, schedule.id);
    for (let i = 0; i < 5; i += 1) {
      advance(2000);
      await tickAll();
    }
    expect((await jobsByOccurrence(schedule.id)).size).toBe(0);
    expect(schedules.nextRuns((await schedules.get(A, schedule.id))!, 3)).toEqual([]);
    const resumed = await schedules.resume(A, schedule.id);
    expect(resumed.nextRunAt!.getTime()).toBeGreaterThan(clock.getTime());
    advance(2000);
    await tickAll();
    expect([...(await jobsByOccurrence(schedule.id)).keys()]).toEqual([resumed.nextRunAt!.getTime()]);
  });

  it('should give a claimed occurrence its job when the claiming process died before creating it', async () => {
    const schedule = await create({ every: 'PT5S' });
    const store = new ScheduleStore(database.db);
    const due = schedule.nextRunAt!;
    advance(5000);
    // A ticker claims the occurrence and dies at once.
    expect(await store.claim(schedule.id, due, new Date(due.getTime() + 5000), [due], clock)).toBe(true);
    expect((await jobsByOccurrence(schedule.id)).size).toBe(0);
    advance(31_000);
    await tickAll();
    const counts = await jobsByOccurrence(schedule.id);
    expect(counts.get(due.getTime())).toBe(1);
    expect(await store.get(null, schedule.id)).toMatchObject({ pending: {}, pendingSince: null });
  });

  it('should keep schedules in their tenant: another tenant finds nothing, operators see all', async () => {
    const schedule = await create({ every: 'PT1H' });
    expect(await schedules.get(B, schedule.id)).toBeNull();
    await expect(schedules.pause(B, schedule.id)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(schedules.delete(B, schedule.id)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await schedules.list(B, {}, 100)).edges.map((e) => e.node.id)).not.toContain(schedule.id);
    expect((await schedules.list(OPERATOR, {}, 100)).edges.map((e) => e.node.id)).toContain(schedule.id);
    expect((await schedules.get(A, schedule.id))?.enabled).toBe(true);
  });

  it('should keep owned schedules for internal types, one per owner, paused and resumed but not changed or deleted through the API', async () => {
    const spec = { name: 'backups', jobType: 'test.internal', input: { orgId: 'o1' }, cron: '0 2 * * *', timezone: 'Europe/Berlin' };
    const first = await schedules.upsertOwned('backupPolicy:o1', 'tenantA', spec);
    const again = await services[1]!.upsertOwned('backupPolicy:o1', 'tenantA', { ...spec, cron: '0 3 * * *' });
    expect(again.id).toBe(first.id);
    expect(again.cron).toBe('0 3 * * *');
    expect((await schedules.list(A, { owned: true }, 100)).edges.map((e) => e.node.owner)).toEqual(['backupPolicy:o1']);
    await expect(schedules.update(A, first.id, { name: 'x' })).rejects.toBeInstanceOf(OwnedScheduleError);
    await expect(schedules.delete(A, first.id)).rejects.toBeInstanceOf(OwnedScheduleError);
    expect((await schedules.pause(A, first.id)).enabled).toBe(false);
    expect((await schedules.resume(A, first.id)).enabled).toBe(true);
    // Internal types are for owned schedules only.
    await expect(create({ jobType: 'test.internal', input: { orgId: 'o1' } })).rejects.toBeInstanceOf(InvalidScheduleError);
    await schedules.removeOwned('backupPolicy:o1', 'tenantA');
    expect(await schedules.get(A, first.id)).toBeNull();
  });

  it.each<[string, Partial<ScheduleSpec>, string]>([
    ['a cron that never fires', { every: null, cron: '0 0 31 2 *' }, 'cron'],
    ['an unknown zone', { every: null, cron: '0 * * * *', timezone: 'Europe/Atlantis' }, 'timezone'],
    ['an unknown job type', { jobType: 'demo.nothing' }, 'jobType'],
    ['an internal job type', { jobType: 'test.internal', input: { orgId: 'x' } }, 'jobType'],
    ['an input failing the schema', { input: { to: -1 } }, 'input.to'],
    ['both cron and every', { cron: '* * * * *' }, 'every'],
    ['a month-long period', { every: 'P1M' }, 'every'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('should refuse %s with the reason and store nothing', async (_, spec, path) => {
    const before = await database.db.collection('schedules').countDocuments();
    const error = await create(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect((error as InvalidScheduleError).issues.map((i) => i.path)).toContain(path);
    expect(await database.db.collection('schedules').countDocuments()).toBe(before);
  });
});
