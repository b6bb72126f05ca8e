import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { ensureIndexes } from '../../src/db/ensureIndexes.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { jobsCollection } from '../../src/engine/agenda/jobsCollection.ts';
import { jobHistoryCollection } from '../../src/engine/agenda/jobHistoryCollection.ts';
import { jobRepositoryContract } from './jobRepository.contract.ts';

jobRepositoryContract('AgendaJobRepository on the run\'s database', async () => {
  const database = await withTestDatabase('jobrepo');
  await ensureIndexes(database.db, [jobsCollection, jobHistoryCollection]);
  return { repository: new AgendaJobRepository(database.db), dispose: () => database.drop() };
});

describe("AgendaJobRepository: the scheduler's collection holds live jobs only", () => {
  let database: TestDatabase;
  let jobs: AgendaJobRepository;
  const newJob = { tenantId: 'live', type: 'test.job', input: null, priority: 0, runAt: new Date(), maxAttempts: 1 };
  const inLive = async (id: string) => (await database.db.collection(jobsCollection.name).findOne({ _id: new ObjectId(id) }))?.state ?? null;
  const inHistory = async (id: string) => (await database.db.collection(jobHistoryCollection.name).findOne({ _id: new ObjectId(id) }))?.state ?? null;

  beforeAll(async () => {
    database = await withTestDatabase('jobrepolive');
    await ensureIndexes(database.db, [jobsCollection, jobHistoryCollection]);
    jobs = new AgendaJobRepository(database.db);
  });
  afterAll(() => database?.drop());

  it('should move a job to the history when it succeeds, fails, is cancelled or discarded, and back when requeued', async () => {
    const ok = (await jobs.create(newJob)).record;
    await jobs.startRun(ok.id, 'r1', 'w');
    await jobs.succeed(ok.id, 'r1', 'null', { processed: 0, total: null, message: null });
    const failed = (await jobs.create(newJob)).record;
    await jobs.startRun(failed.id, 'r2', 'w');
    await jobs.fail(failed.id, 'r2', { code: 'X', message: 'x', attempt: 1, at: new Date() }, null, false);
    const cancelled = (await jobs.create(newJob)).record;
    await jobs.cancel(cancelled.id, 'live');
    const debug = (await jobs.create(newJob)).record;
    await jobs.startRun(debug.id, 'r3', 'w');
    await jobs.moveToDebug(debug.id, 'r3', { code: 'X', message: 'x', attempt: 1, at: new Date() }, { release: true });
    const retrying = (await jobs.create(newJob)).record;
    await jobs.startRun(retrying.id, 'r4', 'w');
    await jobs.fail(retrying.id, 'r4', { code: 'X', message: 'x', attempt: 1, at: new Date() }, new Date(Date.now() + 60_000), true);
    expect([await inLive(ok.id), await inHistory(ok.id)]).toEqual([null, 'SUCCEEDED']);
    expect([await inLive(failed.id), await inHistory(failed.id)]).toEqual([null, 'FAILED']);
    expect([await inLive(cancelled.id), await inHistory(cancelled.id)]).toEqual([null, 'CANCELLED']);
    // The debug queue and retries are live work.
    expect([await inLive(debug.id), await inHistory(debug.id)]).toEqual(['DEBUG', null]);
    expect([await inLive(retrying.id), await inHistory(retrying.id)]).toEqual(['RETRYING', null]);
    await jobs.discardFromDebug(debug.id, 'live', { kind: 'DISCARDED', at: new Date(), by: 'ops', reason: null });
    expect([await inLive(debug.id), await inHistory(debug.id)]).toEqual([null, 'FAILED']);
    await jobs.requeue(cancelled.id, 'live', ['CANCELLED']);
    expect([await inLive(cancelled.id), await inHistory(cancelled.id)]).toEqual(['QUEUED', null]);
  });

  it('should read the newer copy of a job caught between its two writes (a crash mid-move), and list it once', async () => {
    const job = (await jobs.create({ ...newJob, tenantId: 'crash' })).record;
    const running = await jobs.startRun(job.id, 'r1', 'w');
    const live = database.db.collection(jobsCollection.name);
    const ended = { ...(await live.findOne({ _id: new ObjectId(job.id) }))!, state: 'SUCCEEDED', version: running!.version + 1 };
    // The process died after writing the history copy, before deleting the live one.
    await database.db.collection(jobHistoryCollection.name).insertOne(ended);
    expect((await jobs.findAnyTenant(job.id))?.state).toBe('SUCCEEDED');
    expect((await jobs.findManyAnyTenant([job.id])).map((r) => r.state)).toEqual(['SUCCEEDED']);
    expect((await jobs.listForTenant('crash', { filter: {}, first: 10 })).records.map((r) => [r.id, r.state])).toEqual([[job.id, 'SUCCEEDED']]);
  });
});
