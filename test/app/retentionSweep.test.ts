import { MongoClient, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionSweep, type RetentionKind } from '../../src/app/retentionSweep.ts';
import { createStores, type Stores } from '../../src/app/stores.ts';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { parseRetentionConfig, type RetentionConfig } from '../../src/config/retentionConfig.ts';
import { newRecordId } from '../../src/db/recordId.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { countJobDocuments, findJobDocuments, JOB_COLLECTIONS } from '../support/jobDocuments.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { FAST_ENV, startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { uniqueDatabaseName, testDatabaseUri } from '../support/database.ts';

const DAY = 86_400_000;
const SETTINGS: RetentionConfig = { ...parseRetentionConfig({}), batchPauseMs: 0 };
const silent = createLogger({ level: 'silent' });

/** The stores of a test database, as a process builds them. */
function storesOf(t: TestDatabase): { stores: Stores; config: Config } {
  const config = loadConfig({ ...FAST_ENV, LONGHAUL_DB: t.dbName, MONGODB_URI: t.uri });
  return { stores: createStores({ db: t.db, client: t.client, ferretdb: true, close: async () => undefined }, config), config };
}

/** A job that ran and ended `state` (through the repository, as a worker ends it); `finishedAt` then moved to `finishedAt` if given. */
async function endedJob(stores: Stores, db: Db, state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'DEBUG' | 'RUNNING' | 'QUEUED', finishedAt?: Date): Promise<string> {
  const { record } = await stores.jobs.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: 1 }, priority: 0, runAt: new Date(), maxAttempts: 1 });
  const id = record.id;
  if (state === 'QUEUED') return id;
  await stores.jobs.startRun(id, 'run-1', 'worker-1');
  await stores.jobLogs.append(id, [1, 2, 3].map((n) => ({ at: new Date(), level: 'info' as const, message: `line ${n}`, attempt: 1 })));
  const error = { code: 'BOOM', message: 'boom', at: new Date(), attempt: 1, retryable: false };
  if (state === 'SUCCEEDED') await stores.jobs.succeed(id, 'run-1', '{}', { processed: 1, total: 1, message: null });
  if (state === 'FAILED') await stores.jobs.fail(id, 'run-1', error, null, false);
  if (state === 'DEBUG') await stores.jobs.moveToDebug(id, 'run-1', error);
  if (state === 'CANCELLED') await stores.jobs.cancel(id, 'tenantA');
  // An ended job has moved to the history; a DEBUG one is still live.
  if (finishedAt !== undefined) for (const collection of JOB_COLLECTIONS) await db.collection(collection).updateOne({ _id: new ObjectId(id) }, { $set: { finishedAt } });
  return id;
}

const ids = async (db: Db, collection: string, filter: Record<string, unknown> = {}): Promise<string[]> =>
  (await db.collection(collection).find(filter, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)).sort();

describe('retention sweep (one database, injected clock)', () => {
  let t: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    t = await withTestDatabase('retention');
    stores = storesOf(t).stores;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('should delete what is past its TTL and keep the younger, the running, the queued and the debug-queued', { timeout: 120_000 }, async () => {
    const { db } = t;
    // The sweep runs "40 days from now": what ended now is past every 30-day TTL; "young" things ended a day before that.
    const now = new Date(Date.now() + 40 * DAY);
    const young = new Date(now.getTime() - DAY);
    const oldOk = await endedJob(stores, db, 'SUCCEEDED');
    const oldFailed = await endedJob(stores, db, 'FAILED');
    const oldCancelled = await endedJob(stores, db, 'CANCELLED');
    const oldDebug = await endedJob(stores, db, 'DEBUG');
    const youngOk = await endedJob(stores, db, 'SUCCEEDED', young);
    const running = await endedJob(stores, db, 'RUNNING');
    const queued = await endedJob(stores, db, 'QUEUED');

    // Record ids are random; these names stand for them.
    const R = Object.fromEntries(['restoreOld', 'restoreOrphan', 'restoreYoungJob', 'restoreYoung', 'exportOld', 'exportExpiring', 'exportYoung'].map((name) => [name, newRecordId()]));
    const named = (list: string[]) => list.map((id) => Object.keys(R).find((name) => R[name] === id) ?? id).sort();
    // Restores: one of a job the sweep deletes, one of a young job, one whose job is gone already (jobId null).
    const restore = async (id: string, jobId: string | null, finishedAt: Date) => {
      await db.collection('restores').insertOne({ _id: id as never, tenantId: 'tenantA', jobId, status: 'SUCCEEDED', createdAt: finishedAt, finishedAt });
      await stores.restoreResults.record('tenantA', id, [{ object: 'Account', sourceId: `001${id}`, targetId: `001t${id}`, outcome: 'CREATED', pass: 1, errors: [], at: finishedAt }]);
      await stores.restoreIdMap.put('tenantA', id, 'Account', [{ sourceId: `001${id}`, targetId: `001t${id}` }]);
      await stores.restoreInFlight.begin('tenantA', id, { object: 'Account', offset: 0, sentAt: finishedAt, bulkJobId: null });
    };
    await restore(R.restoreOld!, oldOk, new Date());
    await restore(R.restoreOrphan!, null, new Date());
    await restore(R.restoreYoungJob!, youngOk, new Date());
    await restore(R.restoreYoung!, null, young);

    // Exports: an old one with a file and lookups (record deleted), one past its download time (file gone, record EXPIRED).
    const exportRecord = async (id: string, jobId: string | null, finishedAt: Date, expiresAt: Date) => {
      await db.collection('exports').insertOne({ _id: id as never, tenantId: 'tenantA', jobId, status: 'SUCCEEDED', createdAt: finishedAt, finishedAt, expiresAt });
      const upload = await stores.exportFiles.open('tenantA', id, `${id}.csv`);
      upload.stream.end('Id,Name\n001,Acme\n');
      await eventually(`the file of ${id}`, async () => (await stores.exportFiles.size('tenantA', id)) !== null);
      await stores.exportLookups.put('tenantA', id, [{ id: '001p', values: { Name: 'Parent' } }]);
    };
    await exportRecord(R.exportOld!, oldFailed, new Date(), new Date());
    await exportRecord(R.exportExpiring!, youngOk, young, new Date(now.getTime() - 1000));
    await exportRecord(R.exportYoung!, null, young, new Date(now.getTime() + DAY));

    // Zombies: resolved long ago, resolved lately, open.
    const zombie = (id: string, resolvedAt: Date | null) =>
      stores.zombies.record({ _id: id, jobId: id, tenantId: 'tenantA', jobType: 'demo.count', runId: 'r', attempt: 1, reason: 'WORKER_LOST', since: new Date(), detectedAt: new Date(), workerId: null, lastProgress: { processed: 0, total: null, message: null }, lastLogs: [], action: null, resolvedAt, diagnosticIds: [] } as never);
    await zombie('zombieOld', new Date());
    await zombie('zombieYoung', young);
    await zombie('zombieOpen', null);

    // Diagnostics: one expired at `now`, one that is not.
    const report = (id: string) => stores.diagnostics.write({ id, kind: 'REPORT', workerId: 'worker-1', jobId: null, reason: 'test', requestedBy: null } as never, '{"header":{}}');
    await report('diagOld');
    await report('diagYoung');
    await db.collection('diagnostics').updateOne({ _id: 'diagYoung' as never }, { $set: { createdAt: young, expiresAt: new Date(now.getTime() + DAY) } });
    await db.collection('diagnostics.files').updateOne({ _id: 'diagYoung' as never }, { $set: { uploadDate: young } });

    // Alerts (90 days): key k1's whole history resolved long ago (deleted), k2 has one open incident (its history stays), k3 waits for delivery.
    const alertsNow = new Date(now.getTime() + 60 * DAY);
    const alert = (id: string, key: string, resolvedAt: Date | null, pendingDelivery = false) =>
      db.collection('alerts').insertOne({ _id: id as never, kind: 'FAILURE_RATE', rule: 'failureRate', key, tenantId: null, message: 'm', firedAt: new Date(), resolvedAt, delivered: 0, pendingDelivery, deliverAfter: new Date(0) });
    await alert('failureRate:k1:1', 'k1', new Date());
    await alert('failureRate:k1:2', 'k1', new Date());
    await alert('failureRate:k2:1', 'k2', new Date());
    await alert('failureRate:k2:2', 'k2', null);
    await alert('failureRate:k3:1', 'k3', new Date(), true);

    const batches: RetentionKind[] = [];
    const sweep = new RetentionSweep({ stores, leases: stores.leases, settings: { ...SETTINGS, alertsMs: 90 * DAY }, logger: silent, onBatch: (kind) => void batches.push(kind) });
    const counts = await sweep.sweepOnce(now);

    const names: Record<string, string> = { [oldOk]: 'oldOk', [oldFailed]: 'oldFailed', [oldCancelled]: 'oldCancelled', [oldDebug]: 'oldDebug', [youngOk]: 'youngOk', [running]: 'running', [queued]: 'queued' };
    expect((await findJobDocuments(db, {})).map((d) => names[String(d._id)] ?? String(d._id)).sort()).toEqual(['oldDebug', 'queued', 'running', 'youngOk']);
    // Each deleted job had 3 lines; the others keep theirs.
    const lines = await db.collection('jobLogs').find({}, { projection: { jobId: 1 } }).toArray();
    expect(new Set(lines.map((l) => l.jobId as string))).toEqual(new Set([oldDebug, youngOk, running]));
    expect(counts).toMatchObject({ jobs: 3, jobLogs: 9, restores: 2, exports: 1, exportFiles: 2, zombies: 1, diagnostics: 1 });

    expect(named(await ids(db, 'restores'))).toEqual(['restoreYoung', 'restoreYoungJob']);
    for (const collection of ['restoreResults', 'restoreIdMap']) {
      expect(named([...new Set((await db.collection(collection).find().toArray()).map((d) => d.restoreId as string))]), collection).toEqual(['restoreYoung', 'restoreYoungJob']);
    }
    expect(named(await ids(db, 'restoreInFlight'))).toEqual(['restoreYoung', 'restoreYoungJob']);

    expect(named(await ids(db, 'exports'))).toEqual(['exportExpiring', 'exportYoung']);
    expect((await db.collection('exports').findOne({ _id: R.exportExpiring as never }))?.status).toBe('EXPIRED');
    expect(named(await ids(db, 'exportFiles.files'))).toEqual(['exportYoung']);
    expect(named([...new Set((await db.collection('exportFiles.chunks').find().toArray()).map((c) => String(c._id).split(':')[0]!))])).toEqual(['exportYoung']);
    expect(named([...new Set((await db.collection('exportLookups').find().toArray()).map((d) => d.exportId as string))])).toEqual(['exportExpiring', 'exportYoung']);

    expect(await ids(db, 'zombies')).toEqual(['zombieOpen', 'zombieYoung']);
    expect(await ids(db, 'diagnostics')).toEqual(['diagYoung']);
    expect(await ids(db, 'diagnostics.files')).toEqual(['diagYoung']);

    // Later still, past the alerts' 90 days.
    const late = await sweep.sweepOnce(alertsNow);
    expect(late?.alerts).toBe(2);
    expect(await ids(db, 'alerts')).toEqual(['failureRate:k2:1', 'failureRate:k2:2', 'failureRate:k3:1']);
    expect(batches).toContain('jobs');
  });

  it('should delete a few thousand expired jobs in several batches, and keep the lease to one sweep at a time', { timeout: 180_000 }, async () => {
    const { db } = t;
    const finishedAt = new Date(Date.now() - 40 * DAY);
    const total = 2600;
    const docs = Array.from({ length: total }, (_, i) => ({ _id: new ObjectId(), name: 'demo.count', tenantId: 'tenantB', state: 'SUCCEEDED', idempotencyKey: `bulk-${i}`, createdAt: finishedAt, finishedAt, logCount: 0 }));
    // Ended jobs are stored in the history.
    for (let i = 0; i < docs.length; i += 500) await db.collection('jobHistory').insertMany(docs.slice(i, i + 500));
    // A second process: its own connection, its own stores.
    const other = await MongoClient.connect(t.uri);
    try {
      const otherStores = createStores({ db: other.db(t.dbName), client: other, ferretdb: true, close: async () => undefined }, storesOf(t).config);
      const second = new RetentionSweep({ stores: otherStores, leases: otherStores.leases, settings: SETTINGS, logger: silent, holder: 'second' });
      const jobBatches: number[] = [];
      let secondDuringFirst: Awaited<ReturnType<RetentionSweep['sweepOnce']>> | undefined;
      const first = new RetentionSweep({
        stores,
        leases: stores.leases,
        settings: { ...SETTINGS, batchSize: 500 },
        logger: silent,
        holder: 'first',
        onBatch: async (kind, deleted) => {
          if (kind !== 'jobs') return;
          jobBatches.push(deleted);
          // In the middle of the first sweep, the other process tries to sweep too.
          if (jobBatches.length === 1) secondDuringFirst = await second.sweepOnce(new Date());
        },
      });
      const counts = await first.sweepOnce(new Date());
      expect(secondDuringFirst, 'the sweep of the other process while the first held the lease').toBeNull();
      expect(counts?.jobs).toBe(total);
      expect(jobBatches.length).toBeGreaterThanOrEqual(Math.ceil(total / 500));
      expect(Math.max(...jobBatches)).toBeLessThanOrEqual(500);
      expect(await countJobDocuments(db, { tenantId: 'tenantB' })).toBe(0);
      // Released: the other process sweeps now (nothing left).
      expect(await second.sweepOnce(new Date())).toMatchObject({ jobs: 0 });
    } finally {
      await other.close();
    }
  });
});

describe('retention sweep (real server, two worker processes)', () => {
  const dbName = uniqueDatabaseName('retention_e2e');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_WORKERS: '2', LONGHAUL_RETAIN_JOBS: '4s', LONGHAUL_RETAIN_SWEEP_EVERY: '300ms', LONGHAUL_RETAIN_BATCH_PAUSE: '0', LOG_LEVEL: 'info' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    db = mongo.db(dbName);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should delete a finished job and its log once past the TTL, keep a queued one, and never run two sweeps at once', { timeout: 180_000 }, async () => {
    const A = TEST_KEYS.tenantA;
    const create = (input: Record<string, unknown>, runAt?: string) =>
      gqlData<{ createJob: { id: string } }>(app.url, A, 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }', { input: { type: 'demo.count', input, ...(runAt ? { runAt } : {}) } });
    const done = (await create({ to: 3, logSteps: true })).createJob.id;
    const later = (await create({ to: 1 }, new Date(Date.now() + DAY).toISOString())).createJob.id;
    await eventually('the job to succeed', async () => (await findJobDocuments(db, { _id: new ObjectId(done) }))[0]?.state === 'SUCCEEDED');
    // `to: 3, logSteps`: one line per step.
    expect(await db.collection('jobLogs').countDocuments({ jobId: done, message: { $regex: '^step ' } })).toBe(3);
    await eventually('the sweep to delete the finished job', async () => (await countJobDocuments(db, { _id: new ObjectId(done) })) === 0);
    expect(await db.collection('jobLogs').countDocuments({ jobId: done })).toBe(0);
    expect((await findJobDocuments(db, { _id: new ObjectId(later) }))[0]?.state).toBe('QUEUED');
    // Both workers swept at some point, never at the same time (each line says when its sweep started and ended).
    const sweeps = await eventually(
      'sweeps by both workers',
      () => app.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('retention sweep:')),
      (lines) => new Set(lines.map((l) => l.holder)).size >= 2,
    );
    const spans = sweeps.map((l) => ({ start: Date.parse(l.startedAt as string), end: Date.parse(l.startedAt as string) + (l.ms as number) })).sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start, 'a sweep started before the previous one ended').toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });
});
