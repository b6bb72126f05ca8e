import { MongoClient, ObjectId, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { ensureIndexes } from '../../src/db/ensureIndexes.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { ClaimGatedRepository } from '../../src/engine/agenda/claimGatedRepository.ts';
import { jobsCollection } from '../../src/engine/agenda/jobsCollection.ts';
import { jobHistoryCollection } from '../../src/engine/agenda/jobHistoryCollection.ts';

describe("Agenda's backend: batched claims and a save that leaves longhaul's states alone", () => {
  const dbName = uniqueDatabaseName('claimpath');
  let client: MongoClient;
  let db: Db;
  const commands: CommandStartedEvent[] = [];
  const lifetime = 60_000;
  const claim = (claims: ClaimGatedRepository, type: string) => claims.getNextJobToRun(type, new Date(Date.now() + 1000), new Date(Date.now() - lifetime), undefined, undefined);

  beforeAll(async () => {
    client = new MongoClient(testDatabaseUri(dbName), { monitorCommands: true });
    client.on('commandStarted', (event) => commands.push(event));
    await client.connect();
    db = client.db(dbName);
    await ensureIndexes(db, [jobsCollection, jobHistoryCollection]);
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('should lock every due job of every type once, finding them with one scan and locking each by id', async () => {
    const jobs = new AgendaJobRepository(db);
    const due = { tenantId: 't', input: null, priority: 0, runAt: new Date(Date.now() - 1000), maxAttempts: 1 };
    const ids = { a: [] as string[], b: [] as string[] };
    for (let i = 0; i < 3; i++) ids.a.push((await jobs.create({ ...due, type: 'test.a' })).record.id);
    ids.b.push((await jobs.create({ ...due, type: 'test.b' })).record.id);
    await jobs.create({ ...due, type: 'test.a', runAt: new Date(Date.now() + 3_600_000) });
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await claims.connect();
    const before = commands.length;
    const lockedA = [await claim(claims, 'test.a'), await claim(claims, 'test.a'), await claim(claims, 'test.a'), await claim(claims, 'test.a')];
    const lockedB = [await claim(claims, 'test.b'), await claim(claims, 'test.b'), await claim(claims, 'test.c')];
    expect(lockedA.slice(0, 3).map((job) => String(job?._id)).sort()).toEqual([...ids.a].sort());
    expect(lockedA[3]).toBeUndefined();
    expect(lockedB.map((job) => (job === undefined ? undefined : String(job._id)))).toEqual([ids.b[0], undefined, undefined]);
    const sent = commands.slice(before).filter((event) => String(event.command[event.commandName]) === jobsCollection.name);
    // One scan for all seven calls, one compare-and-set per job locked.
    expect(sent.filter((event) => event.commandName === 'find')).toHaveLength(1);
    expect(sent.filter((event) => event.commandName === 'findAndModify')).toHaveLength(4);
    // A second worker finds nothing left to lock.
    const other = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await other.connect();
    expect(await claim(other, 'test.a')).toBeUndefined();
  });

  it("should never let Agenda's save clear the next run time of a job that waits to run, nor write to an ended one", async () => {
    const jobs = new AgendaJobRepository(db);
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await claims.connect();
    const job = (await jobs.create({ tenantId: 't', type: 'test.save', input: null, priority: 0, runAt: new Date(Date.now() - 1000), maxAttempts: 1 })).record;
    const locked = (await claim(claims, 'test.save'))!;
    // The run's start: Agenda clears the next run time of a one-off job; the claim already holds the lock.
    await claims.saveJobState({ ...locked, nextRunAt: null }, undefined);
    expect((await jobs.findAnyTenant(job.id))?.dueAt).not.toBeNull();
    // A requeue that came before the run's end save keeps its next run time.
    await claims.saveJobState({ ...locked, lockedAt: undefined, nextRunAt: null }, undefined);
    expect((await jobs.findAnyTenant(job.id))?.dueAt).not.toBeNull();
    // The run ended: the job left Agenda's collection, whose save then changes nothing anywhere.
    await jobs.startRun(job.id, 'run-1', 'w');
    const done = await jobs.succeed(job.id, 'run-1', 'null', { processed: 0, total: null, message: null });
    await claims.saveJobState({ ...locked, lockedAt: undefined, nextRunAt: null }, undefined);
    expect(await jobs.findAnyTenant(job.id)).toEqual(done);
    expect(await db.collection(jobsCollection.name).countDocuments({ name: 'test.save' })).toBe(0);
  });

  it('should claim the soonest due job first, then the highest priority, whatever order they were written in', async () => {
    const jobs = new AgendaJobRepository(db);
    const now = Date.now();
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000);
    const written = [
      { name: 'late-low', runAt: at(10), priority: -10 },
      { name: 'late-high', runAt: at(10), priority: 10 },
      { name: 'early-low', runAt: at(60), priority: -20 },
      { name: 'late-normal', runAt: at(10), priority: 0 },
      { name: 'early-high', runAt: at(60), priority: 20 },
    ];
    const names = new Map<string, string>();
    for (const job of written) names.set((await jobs.create({ tenantId: 't', type: 'test.order', input: null, priority: job.priority, runAt: job.runAt, maxAttempts: 1 })).record.id, job.name);
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await claims.connect();
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const job = await claim(claims, 'test.order');
      order.push(job === undefined ? undefined : names.get(String(job._id)));
    }
    expect(order).toEqual(['early-high', 'early-low', 'late-high', 'late-normal', 'late-low', undefined]);
  });

  it("should not write Agenda's end save of a hand-over whose run ended its job", async () => {
    const jobs = new AgendaJobRepository(db);
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await claims.connect();
    const job = (await jobs.create({ tenantId: 't', type: 'test.ended', input: null, priority: 0, runAt: new Date(Date.now() - 1000), maxAttempts: 1 })).record;
    const attrs = (await claim(claims, 'test.ended'))!;
    claims.bindRun(attrs, 'run-1');
    await jobs.startRun(job.id, 'run-1', 'w');
    await jobs.succeed(job.id, 'run-1', 'null', { processed: 0, total: null, message: null });
    const saves = () => commands.filter((e) => e.commandName === 'update' && String(e.command.update) === jobsCollection.name).length;
    const before = saves();
    claims.runEnded(attrs);
    Object.assign(attrs, { lockedAt: undefined, nextRunAt: null });
    await claims.saveJobState(attrs, undefined);
    expect(saves()).toBe(before);
    // Another hand-over's end save is still written.
    const other = (await jobs.create({ tenantId: 't', type: 'test.ended', input: null, priority: 0, runAt: new Date(Date.now() - 1000), maxAttempts: 1 })).record;
    claims.touch('test.ended'); // its wake-up
    const otherAttrs = (await claim(claims, 'test.ended'))!;
    expect(String(otherAttrs._id)).toBe(other.id);
    await claims.saveJobState({ ...otherAttrs, lockedAt: undefined }, undefined);
    expect(saves()).toBe(before + 1);
  });

  it('should lock the job a wake-up names by id, before any scan, when its type has no candidate left', async () => {
    const jobs = new AgendaJobRepository(db);
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await claims.connect();
    // An idle queue: the type's scan found nothing.
    expect(await claim(claims, 'test.woken')).toBeUndefined();
    const job = (await jobs.create({ tenantId: 't', type: 'test.woken', input: null, priority: 0, runAt: new Date(Date.now() - 10), maxAttempts: 1 })).record;
    const sentFrom = commands.length;
    claims.woken('test.woken', job.id, job.dueAt);
    const locked = await claim(claims, 'test.woken');
    expect(String(locked?._id)).toBe(job.id);
    const sent = commands.slice(sentFrom).filter((e) => String(e.command[e.commandName]) === jobsCollection.name).map((e) => e.commandName);
    expect(sent).toEqual(['findAndModify']);
    // The next claim scans for more (the wake-up said nothing of other jobs), and finds none.
    expect(await claim(claims, 'test.woken')).toBeUndefined();
    // A wake-up for a job not due yet, or of a job another worker took, is only a hint: nothing is locked wrongly.
    const later = (await jobs.create({ tenantId: 't', type: 'test.woken', input: null, priority: 0, runAt: new Date(Date.now() + 3_600_000), maxAttempts: 1 })).record;
    claims.woken('test.woken', later.id, later.dueAt);
    expect(await claim(claims, 'test.woken')).toBeUndefined();
    claims.woken('test.woken', job.id, job.dueAt);
    expect(await claim(claims, 'test.woken')).toBeUndefined();
  });

  it('should lock a batch of due jobs in two commands, hand them to the next claims without any, and release those not started', async () => {
    const jobs = new AgendaJobRepository(db);
    const due = { tenantId: 't', input: null, priority: 0, maxAttempts: 1 };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await jobs.create({ ...due, type: 'test.batch', runAt: new Date(Date.now() - 10_000 + i) })).record.id);
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    claims.setClaimBatch('test.batch', 3);
    await claims.connect();
    const other = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    await other.connect();
    // Another worker locks the second job between this worker's scan and its batch.
    const byMe = (type: string) => claims.getNextJobToRun(type, new Date(Date.now() + 1000), new Date(Date.now() - lifetime), undefined, { lastModifiedBy: 'me' });
    const sentOn = (from: number) => commands.slice(from).filter((e) => String(e.command[e.commandName]) === jobsCollection.name).map((e) => e.commandName);
    const scanFrom = commands.length;
    await (claims as unknown as { scan(a: Date, b: Date): Promise<void> }).scan(new Date(Date.now() + 1000), new Date(Date.now() - lifetime));
    expect(sentOn(scanFrom)).toEqual(['find']);
    expect(String((await other.getNextJobToRun('test.batch', new Date(Date.now() + 1000), new Date(Date.now() - lifetime), undefined, { lastModifiedBy: 'other' }))?._id)).toBe(ids[0]);
    const from = commands.length;
    const first = await byMe('test.batch');
    // Candidates 0-2, of which job 0 is the other worker's now: one updateMany locks 1 and 2, one read finds them.
    expect(sentOn(from)).toEqual(['update', 'find']);
    const next = commands.length;
    const second = await byMe('test.batch');
    expect(sentOn(next)).toEqual([]);
    const third = await byMe('test.batch');
    // Candidates 3 and 4: one batch again; job 4 stays locked ahead, never handed over.
    expect(sentOn(next)).toEqual(['update', 'find']);
    expect([first, second, third].map((j) => String(j?._id))).toEqual([ids[1], ids[2], ids[3]]);
    const stored = await db.collection(jobsCollection.name).find({ name: 'test.batch' }).toArray();
    expect(stored.filter((d) => d.lastModifiedBy === 'me').map((d) => String(d._id)).sort()).toEqual(ids.slice(1).sort());
    // Two were started. Job 3 was handed over but not started, job 4 only locked ahead: both released at shutdown.
    claims.started(ids[1]!, first!.lockedAt);
    claims.started(ids[2]!, second!.lockedAt);
    await claims.close();
    expect(await byMe('test.batch')).toBeUndefined();
    expect(await claims.releaseUnstarted()).toBe(2);
    const after = new Map((await db.collection(jobsCollection.name).find({ name: 'test.batch' }).toArray()).map((d) => [String(d._id), d.lockedAt as Date | null]));
    expect([1, 2, 3, 4].map((i) => after.get(ids[i]!) !== null)).toEqual([true, true, false, false]);
  });

  it('should hand over a job locked ahead only while its lock is fresh, and restamp one that aged', async () => {
    const jobs = new AgendaJobRepository(db);
    const due = { tenantId: 't', input: null, priority: 0, maxAttempts: 1, runAt: new Date(Date.now() - 10_000) };
    const ids = [(await jobs.create({ ...due, type: 'test.aged' })).record.id, (await jobs.create({ ...due, type: 'test.aged' })).record.id];
    const claims = new ClaimGatedRepository(db, jobsCollection.name, 60_000);
    claims.setClaimBatch('test.aged', 2);
    await claims.connect();
    const ask = (lifetimeMs: number) => claims.getNextJobToRun('test.aged', new Date(Date.now() + 1000), new Date(Date.now() - lifetimeMs), undefined, { lastModifiedBy: 'me' });
    const first = await ask(60_000);
    expect(String(first?._id)).toBe(ids[0]);
    await new Promise((r) => setTimeout(r, 60));
    // Asked with a lock lifetime of 200 ms, the second one (locked 60 ms ago, more than a quarter of it) gets a fresh lock.
    const lockedBefore = (await db.collection(jobsCollection.name).findOne({ _id: new ObjectId(ids[1]) }))!.lockedAt as Date;
    const second = await ask(200);
    expect(String(second?._id)).toBe(ids[1]);
    expect(new Date(second!.lockedAt!).getTime()).toBeGreaterThan(lockedBefore.getTime());
    // A job held ahead past its lock lifetime is not handed over.
    const third = (await jobs.create({ ...due, type: 'test.aged' })).record.id;
    const fourth = (await jobs.create({ ...due, type: 'test.aged' })).record.id;
    claims.touch('test.aged');
    expect(String((await ask(60_000))?._id)).toBe(third);
    await new Promise((r) => setTimeout(r, 60));
    expect(await ask(30)).toBeUndefined();
    expect(fourth).toMatch(/^[0-9a-f]{24}$/);
  });
});
