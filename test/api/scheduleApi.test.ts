import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MongoClient, type Db } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';
import type { Bus } from '../../src/bus/bus.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobService } from '../../src/engine/jobService.ts';
import { TenantQuotaStore } from '../../src/engine/tenantQuotaStore.ts';
import { ScheduleRunStore } from '../../src/engine/schedules/scheduleRunStore.ts';
import { ScheduleService } from '../../src/engine/schedules/scheduleService.ts';
import { ScheduleStore } from '../../src/engine/schedules/scheduleStore.ts';
import { createBuiltinRegistry } from '../../src/jobs/builtinJobTypes.ts';
import { countJobDocuments } from '../support/jobDocuments.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;
const OPERATOR = TEST_KEYS.operator;
const FIELDS = 'id name jobType input cron every timezone overlap catchUp enabled owner nextRunAt nextRuns(count: 3) lastRun { occurrenceAt job { id state } } createdAt';
const CREATE = `mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { ${FIELDS} } }`;

/** The schedules API as a client sees it (`longhaul all` with one worker). */
describe('schedules API: create, read, list, pause, resume, update, delete; bad input; tenants; owned schedules', () => {
  const dbName = uniqueDatabaseName('schedapi');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  let db: Db;
  const codeOf = (res: Awaited<ReturnType<typeof gql>>) => res.errors?.[0]?.extensions?.code as string | undefined;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_SCHEDULE_TICK_MS: '250' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    db = mongo.db(dbName);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should create a cron schedule in a zone with its defaults and show its next runs', async () => {
    const { createSchedule: s } = await gqlData(app.url, A, CREATE, { input: { name: 'weekday mornings', jobType: 'demo.count', input: { to: 3 }, cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' } });
    expect(s).toMatchObject({ name: 'weekday mornings', jobType: 'demo.count', cron: '0 9 * * 1-5', every: null, timezone: 'Europe/Berlin', overlap: 'SKIP', catchUp: 'LATEST', enabled: true, owner: null, lastRun: null });
    expect(s.input).toMatchObject({ to: 3, delayMs: 0 });
    expect(s.nextRuns).toHaveLength(3);
    expect(s.nextRuns[0]).toBe(s.nextRunAt);
    for (const at of s.nextRuns as string[]) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(new Date(at));
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    }
  });

  it('should run a schedule, show its last run and runs, create nothing while paused, and again after resume', async () => {
    const { createSchedule: s } = await gqlData(app.url, A, CREATE, { input: { name: 'every second', jobType: 'demo.count', input: { to: 1 }, every: 'PT1S', overlap: 'QUEUE' } });
    const last = await eventually('a last run that succeeded', async () => {
      const { schedule } = await gqlData(app.url, A, `query($id: ID!) { schedule(id: $id) { ${FIELDS} } }`, { id: s.id });
      return schedule.lastRun?.job?.state === 'SUCCEEDED' ? schedule.lastRun : null;
    });
    expect(last.job.id).toMatch(/^[0-9a-f]{24}$/);
    const paused = (await gqlData(app.url, A, 'mutation($id: ID!) { pauseSchedule(id: $id) { enabled nextRunAt nextRuns } }', { id: s.id })).pauseSchedule;
    expect(paused).toEqual({ enabled: false, nextRunAt: null, nextRuns: [] });
    const count = async () => countJobDocuments(db, { idempotencyKey: { $regex: `^schedule:${s.id}:` } });
    // A claim made just before the pause may still be creating its job: wait until no claim is pending.
    await eventually('no claim pending', async () => (await db.collection('schedules').findOne({ _id: s.id }))?.pendingSince === null);
    const settled = await count();
    // Proving that nothing happens needs time to pass: three periods of the schedule.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await count()).toBe(settled);
    const resumed = (await gqlData(app.url, A, 'mutation($id: ID!) { resumeSchedule(id: $id) { enabled nextRunAt } }', { id: s.id })).resumeSchedule;
    expect(resumed.enabled).toBe(true);
    await eventually('a job after resume', async () => (await count()) > settled);
    const { schedule } = await gqlData(app.url, A, 'query($id: ID!) { schedule(id: $id) { runs(first: 2) { nodes { occurrenceAt job { id type } } pageInfo { hasNextPage endCursor } } } }', { id: s.id });
    expect(schedule.runs.nodes).toHaveLength(2);
    expect(schedule.runs.nodes[0].job.type).toBe('demo.count');
    expect(new Date(schedule.runs.nodes[0].occurrenceAt).getTime()).toBeGreaterThan(new Date(schedule.runs.nodes[1].occurrenceAt).getTime());
    await gqlData(app.url, A, 'mutation($id: ID!) { deleteSchedule(id: $id) { id } }', { id: s.id });
    expect((await gqlData(app.url, A, 'query($id: ID!) { schedule(id: $id) { id } }', { id: s.id })).schedule).toBeNull();
    // Its jobs stay.
    for (const run of schedule.runs.nodes) expect((await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { id } }', { id: run.job.id })).job).toEqual({ id: run.job.id });
  });

  it('should update a schedule: a new cron replaces the period and moves the next run', async () => {
    const { createSchedule: s } = await gqlData(app.url, A, CREATE, { input: { name: 'hourly', jobType: 'demo.count', input: { to: 1 }, every: 'PT1H', enabled: false } });
    const { updateSchedule: u } = await gqlData(app.url, A, `mutation($id: ID!, $input: UpdateScheduleInput!) { updateSchedule(id: $id, input: $input) { ${FIELDS} } }`, { id: s.id, input: { name: 'yearly', cron: '0 0 1 1 *', timezone: 'America/New_York' } });
    expect(u).toMatchObject({ name: 'yearly', cron: '0 0 1 1 *', every: null, timezone: 'America/New_York', enabled: false });
    const bad = await gql(app.url, A, 'mutation($id: ID!) { updateSchedule(id: $id, input: { timezone: "Nowhere/City" }) { id } }', { id: s.id });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_SCHEDULE' });
    expect((await gqlData(app.url, A, 'query($id: ID!) { schedule(id: $id) { timezone } }', { id: s.id })).schedule.timezone).toBe('America/New_York');
  });

  it.each([
    ['a cron that never fires', { cron: '0 0 30 2 *' }, 'cron'],
    ['a cron of 4 fields', { cron: '0 0 * *' }, 'cron'],
    ['an unknown zone', { cron: '0 * * * *', timezone: 'Europe/Atlantis' }, 'timezone'],
    ['an unknown job type', { every: 'PT1M', jobType: 'demo.unknown' }, 'jobType'],
    ['an internal job type', { every: 'PT1M', jobType: 'salesforce.backup', input: {} }, 'jobType'],
    ['an input failing the schema', { every: 'PT1M', input: { to: 'ten' } }, 'input.to'],
    ['cron and every together', { every: 'PT1M', cron: '* * * * *' }, 'every'],
    ['neither cron nor every', {}, 'cron'],
    ['a period that is not ISO 8601', { every: '5 minutes' }, 'every'],
  ])('should refuse %s with BAD_USER_INPUT naming the reason, and store nothing', async (_, fields, path) => {
    const before = await db.collection('schedules').countDocuments();
    const res = await gql(app.url, A, CREATE, { input: { name: 'bad', jobType: 'demo.count', input: { to: 1 }, ...fields } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_SCHEDULE' });
    expect((res.errors?.[0]?.extensions?.issues as { path: string }[]).map((i) => i.path)).toContain(path);
    expect(res.errors?.[0]?.message).toMatch(/^invalid schedule: /);
    expect(await db.collection('schedules').countDocuments()).toBe(before);
  });

  it("should keep a tenant's schedules from another tenant, and show all of them to operators", async () => {
    const { createSchedule: s } = await gqlData(app.url, A, CREATE, { input: { name: 'mine', jobType: 'demo.count', input: { to: 1 }, every: 'PT1H' } });
    const listOf = async (key: string) => (await gqlData(app.url, key, '{ schedules(first: 100) { nodes { id } } }')).schedules.nodes.map((n: { id: string }) => n.id);
    expect(await listOf(A)).toContain(s.id);
    expect(await listOf(B)).not.toContain(s.id);
    expect(await listOf(OPERATOR)).toContain(s.id);
    expect((await gql(app.url, B, 'mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id: s.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(app.url, B, 'mutation($id: ID!) { deleteSchedule(id: $id) { id } }', { id: s.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gqlData(app.url, A, 'query($id: ID!) { schedule(id: $id) { enabled } }', { id: s.id })).schedule.enabled).toBe(true);
    // Pages: newest first, a cursor to the next page.
    await gqlData(app.url, A, CREATE, { input: { name: 'second', jobType: 'demo.count', input: { to: 1 }, every: 'PT1H' } });
    const first = (await gqlData(app.url, A, '{ schedules(first: 1) { nodes { name } pageInfo { hasNextPage endCursor } } }')).schedules;
    expect(first.nodes).toEqual([{ name: 'second' }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await gqlData(app.url, A, 'query($after: String) { schedules(first: 1, after: $after) { nodes { name } } }', { after: first.pageInfo.endCursor })).schedules;
    expect(next.nodes).toEqual([{ name: 'mine' }]);
  });

  it('should show owned schedules, refuse to change or delete them through the API, and let them be paused and resumed', async () => {
    // The domain-service door (a backup policy would use it), opened here over the same database.
    const silentBus = { publish: async () => undefined } as unknown as Bus;
    const repository = new AgendaJobRepository(db);
    const registry = createBuiltinRegistry().register({ name: 'test.internal', description: '', visibility: 'internal', input: z.object({}), run: () => Promise.resolve(null) });
    const jobs = new JobService(repository, new JobLogStore(db, repository), new TenantQuotaStore(db), silentBus, registry, new JobEventPublisher(silentBus));
    const service = new ScheduleService({ store: new ScheduleStore(db), runs: new ScheduleRunStore(db), jobs });
    const owned = await service.upsertOwned('backupPolicy:org1', 'tenantA', { name: 'daily backup', jobType: 'test.internal', input: {}, cron: '0 2 * * *', timezone: 'Europe/Paris', enabled: false });
    const { schedules } = await gqlData(app.url, A, '{ schedules(filter: { owned: true }) { nodes { id owner jobType } } }');
    expect(schedules.nodes).toEqual([{ id: owned.id, owner: 'backupPolicy:org1', jobType: 'test.internal' }]);
    for (const mutation of ['updateSchedule(id: $id, input: { name: "x" }) { id }', 'deleteSchedule(id: $id) { id }']) {
      const res = await gql(app.url, A, `mutation($id: ID!) { ${mutation} }`, { id: owned.id });
      expect(res.errors?.[0]?.extensions, mutation).toMatchObject({ code: 'FORBIDDEN', reason: 'OWNED_SCHEDULE' });
      expect(res.errors?.[0]?.message).toContain('backupPolicy:org1');
    }
    expect((await gqlData(app.url, A, 'mutation($id: ID!) { resumeSchedule(id: $id) { enabled } }', { id: owned.id })).resumeSchedule.enabled).toBe(true);
    expect((await gqlData(app.url, A, 'mutation($id: ID!) { pauseSchedule(id: $id) { enabled } }', { id: owned.id })).pauseSchedule.enabled).toBe(false);
    expect(codeOf(await gql(app.url, B, 'mutation($id: ID!) { resumeSchedule(id: $id) { enabled } }', { id: owned.id }))).toBe('NOT_FOUND');
    await service.removeOwned('backupPolicy:org1', 'tenantA');
    expect((await gqlData(app.url, A, 'query($id: ID!) { schedule(id: $id) { id } }', { id: owned.id })).schedule).toBeNull();
  });
});
