import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../../support/database.ts';
import { gqlData } from '../../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../../support/longhaulProcess.ts';
import { eventually } from '../../support/eventually.ts';
import { waitForJobState } from '../../support/jobState.ts';
import { findJobDocuments } from '../../support/jobDocuments.ts';

const A = TEST_KEYS.tenantA;
const CREATE = 'mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { id createdAt nextRunAt } }';
/** Settings of every process here: quick ticks, a short grace (a missed occurrence is one more than 1 s late). */
const SCHEDULE_ENV = { LONGHAUL_SCHEDULE_TICK_MS: '250', LONGHAUL_SCHEDULE_MISFIRE_GRACE_MS: '1000' };

/**
 * Schedules as users run them: real `serve` and `work` processes on one database, schedules created and paused
 * over GraphQL, the jobs counted in the database by their occurrence key (`schedule:<id>:<occurrence ms>`).
 */
describe('schedules across processes: one job per occurrence, overlap SKIP, catch-up after a full stop', () => {
  const dbName = uniqueDatabaseName('schedproc');
  const processes: LonghaulProcess[] = [];
  let apis: LonghaulProcess[];
  let workers: LonghaulProcess[];
  let mongo: MongoClient;
  let db: Db;

  const start = async (role: 'serve' | 'work') => {
    const p = await startLonghaul(role, dbName, { ...SCHEDULE_ENV, LONGHAUL_WORKERS: '1' });
    processes.push(p);
    return p;
  };
  /** Occurrence ms → number of jobs, for one schedule. */
  async function jobsByOccurrence(scheduleId: string): Promise<Map<number, number>> {
    const docs = await findJobDocuments(db, { tenantId: 'tenantA', idempotencyKey: { $regex: `^schedule:${scheduleId}:` } });
    const counts = new Map<number, number>();
    for (const doc of docs) {
      const at = Number(String(doc.idempotencyKey).split(':')[2]);
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
    return counts;
  }
  const occurrences = async (scheduleId: string) => [...(await jobsByOccurrence(scheduleId)).keys()].sort((a, b) => a - b);

  beforeAll(async () => {
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    db = mongo.db(dbName);
    apis = [await start('serve'), await start('serve')];
    workers = [await start('work'), await start('work')];
  }, 180_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should create exactly one job per occurrence of a 2 s schedule with two work and two serve processes', async () => {
    // catchUp ALL: a tick that came late (a loaded machine) still gives every occurrence its job, so none is missing.
    const { createSchedule: schedule } = await gqlData(apis[0]!.url, A, CREATE, { input: { name: 'every 2 s', jobType: 'demo.count', input: { to: 1 }, every: 'PT2S', overlap: 'QUEUE', catchUp: 'ALL' } });
    const created = new Date(schedule.createdAt).getTime();
    await eventually('15 occurrences with their job', async () => (await jobsByOccurrence(schedule.id)).size, (n) => n >= 15, { timeoutMs: 120_000, intervalMs: 500 }).catch((error: unknown) => {
      throw new Error(`${String(error)}; worker logs: ${JSON.stringify(workers.flatMap((w) => w.logs).slice(-10))}`);
    });
    await gqlData(apis[1]!.url, A, 'mutation($id: ID!) { pauseSchedule(id: $id) { enabled } }', { id: schedule.id });
    // A claim made just before the pause may still be creating its job and recording its run.
    await eventually('no claim pending', async () => (await db.collection('schedules').findOne({ _id: schedule.id }))?.pendingSince === null);
    const counts = await jobsByOccurrence(schedule.id);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const times = [...counts.keys()].sort((a, b) => a - b);
    expect(times).toEqual(times.map((_, i) => created + (i + 1) * 2000));
    // The runs the API lists are those jobs, and they ran.
    const { schedule: read } = await gqlData(apis[1]!.url, A, 'query($id: ID!) { schedule(id: $id) { enabled runs(first: 100) { nodes { occurrenceAt job { id state } } } } }', { id: schedule.id });
    expect(read.enabled).toBe(false);
    expect(read.runs.nodes.map((r: { occurrenceAt: string }) => new Date(r.occurrenceAt).getTime()).sort((a: number, b: number) => a - b)).toEqual(times);
    await waitForJobState(apis[0]!.url, A, read.runs.nodes[0].job.id, ['SUCCEEDED'], { timeoutMs: 60_000 });
  }, 180_000);

  it('should create no second job while the previous one still runs with overlap SKIP', async () => {
    const { createSchedule: schedule } = await gqlData(apis[0]!.url, A, CREATE, { input: { name: 'slow', jobType: 'demo.count', input: { to: 20, delayMs: 500 }, every: 'PT2S' } });
    const [first] = await eventually('the first job', async () => {
      const times = await occurrences(schedule.id);
      return times.length > 0 ? times : null;
    });
    const firstJob = (await findJobDocuments(db, { idempotencyKey: `schedule:${schedule.id}:${first}` }))[0]!;
    await waitForJobState(apis[0]!.url, A, firstJob._id.toHexString(), ['RUNNING'], { timeoutMs: 60_000 });
    // Three more occurrences pass while it runs (the schedule moves on without creating anything).
    await eventually('three occurrences skipped', async () => {
      const { schedule: read } = await gqlData(apis[1]!.url, A, 'query($id: ID!) { schedule(id: $id) { nextRunAt } }', { id: schedule.id });
      return new Date(read.nextRunAt).getTime() >= first! + 4 * 2000;
    });
    const stillRunning = (await findJobDocuments(db, { _id: firstJob._id }))[0];
    if (stillRunning?.state === 'RUNNING') expect(await occurrences(schedule.id)).toEqual([first]);
    // Once it has ended, the next occurrence creates again.
    await waitForJobState(apis[0]!.url, A, firstJob._id.toHexString(), ['SUCCEEDED'], { timeoutMs: 60_000 });
    await eventually('a second job after the first ended', async () => (await occurrences(schedule.id)).length >= 2);
    await gqlData(apis[1]!.url, A, 'mutation($id: ID!) { pauseSchedule(id: $id) { enabled } }', { id: schedule.id });
    const times = await occurrences(schedule.id);
    const firstEnded = (await findJobDocuments(db, { _id: firstJob._id }))[0]!.finishedAt as Date;
    // No job of an occurrence between the first and its end.
    expect(times.filter((t) => t > first! && t < firstEnded.getTime() - 2000)).toEqual([]);
  }, 180_000);

  it('should create one job for the occurrences missed while every process was stopped with catchUp LATEST, and none with NONE', async () => {
    const input = { jobType: 'demo.count', input: { to: 1 }, every: 'PT2S', overlap: 'QUEUE' };
    const { createSchedule: latest } = await gqlData(apis[0]!.url, A, CREATE, { input: { ...input, name: 'latest', catchUp: 'LATEST' } });
    const { createSchedule: none } = await gqlData(apis[0]!.url, A, CREATE, { input: { ...input, name: 'none', catchUp: 'NONE' } });
    await eventually('both schedules ran', async () => (await occurrences(latest.id)).length > 0 && (await occurrences(none.id)).length > 0);
    // The whole service stops.
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    const lastLatest = (await occurrences(latest.id)).at(-1)!;
    const lastNone = (await occurrences(none.id)).at(-1)!;
    const stoppedAt = Date.now();
    // Waiting for the clock to pass four occurrences with no process running: nothing to await but time.
    await eventually('four occurrences passed', () => Date.now() >= stoppedAt + 8500, { intervalMs: 250 });
    const restartAt = Date.now();
    const worker = await start('work');
    await eventually('LATEST caught up', async () => (await occurrences(latest.id)).some((t) => t > lastLatest), { timeoutMs: 60_000 });
    await eventually('NONE ran on time again', async () => (await occurrences(none.id)).some((t) => t > lastNone), { timeoutMs: 60_000 });
    await worker.stop();
    const latestAfter = (await occurrences(latest.id)).filter((t) => t > lastLatest);
    const noneAfter = (await occurrences(none.id)).filter((t) => t > lastNone);
    // LATEST: one job for all the missed occurrences (the first after the stop came after at least four were skipped).
    expect(latestAfter[0]! - lastLatest).toBeGreaterThanOrEqual(4 * 2000);
    expect(latestAfter.filter((t) => t <= restartAt)).toHaveLength(latestAfter[0]! <= restartAt ? 1 : 0);
    // NONE: nothing for the occurrences missed while stopped.
    expect(noneAfter.filter((t) => t <= restartAt)).toEqual([]);
  }, 240_000);
});
