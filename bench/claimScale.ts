/**
 * How the claim path scales with history: N trivial jobs (`demo.count {to: 0}`) queued and M finished jobs preloaded
 * directly in the database, then one `longhaul work` process drains the queue. Prints jobs/s and the database's
 * command counters (when the server reports them).
 *
 *   npx tsx bench/claimScale.ts [queued=1000] [finished=0,5000,50000] [timeoutS=300]
 */
import { ObjectId, type Db } from 'mongodb';
import { newJobObjectId } from '../src/db/recordId.ts';
import { jobsCollection } from '../src/engine/agenda/jobsCollection.ts';
import { jobHistoryCollection } from '../src/engine/agenda/jobHistoryCollection.ts';
import { openBenchDatabase } from './support/benchDatabase.ts';
import { BENCH_API_KEYS, startWork } from './support/longhaulService.ts';
import { BenchProcess } from './support/benchProcess.ts';

const queued = Number(process.argv[2] ?? 1000);
const finishedSizes = (process.argv[3] ?? '0,5000,50000').split(',').map(Number);
const timeoutMs = Number(process.argv[4] ?? 300) * 1000;
/** The drain gives up once no job ended for this long. */
const stallMs = Number(process.env.CLAIM_SCALE_STALL_S ?? 60) * 1000;

/** A job document as `AgendaJobRepository.create` writes it, in `state`. */
function jobDoc(state: 'QUEUED' | 'SUCCEEDED', now: Date): Record<string, unknown> {
  const _id = newJobObjectId();
  const ended = state === 'SUCCEEDED';
  return {
    _id,
    name: 'demo.count',
    data: { input: '{"to":0}', tenantId: 'bench' },
    priority: 0,
    nextRunAt: ended ? null : now,
    type: 'normal',
    lockedAt: null,
    disabled: false,
    lastModifiedBy: null,
    tenantId: 'bench',
    state,
    idempotencyKey: `id:${_id.toHexString()}`,
    hasIdempotencyKey: false,
    maxAttempts: 3,
    attempt: ended ? 1 : 0,
    runId: ended ? 'r' : null,
    workerId: null,
    report: { processed: 0, total: 0, message: null },
    checkpoint: null,
    checkpointAt: null,
    result: ended ? '{"counted":0}' : null,
    lastError: null,
    errors: [],
    retryAt: null,
    createdAt: now,
    runAt: now,
    startedAt: ended ? now : null,
    finishedAt: ended ? now : null,
    heartbeatAt: ended ? now : null,
    version: ended ? 4 : 1,
    logCount: 0,
  };
}

async function opcounters(db: Db): Promise<Record<string, number> | undefined> {
  try {
    const status = await db.admin().command({ serverStatus: 1 });
    return status.opcounters as Record<string, number> | undefined;
  } catch {
    return undefined;
  }
}

/** Jobs of `ids` that ended: polled on the live collection only (a job ends by leaving it), so that polling costs the same whatever the history holds. */
async function countDone(db: Db, ids: ObjectId[]): Promise<number> {
  let waiting = 0;
  for (let i = 0; i < ids.length; i += 500) {
    waiting += (await db.collection(jobsCollection.name).find({ _id: { $in: ids.slice(i, i + 500) }, state: { $ne: 'SUCCEEDED' } }, { projection: { _id: 1 } }).toArray()).length;
  }
  return ids.length - waiting;
}

/** Jobs of `ids` SUCCEEDED in either collection, each once (checked at the end). */
async function countSucceeded(db: Db, ids: ObjectId[]): Promise<number> {
  const done = new Set<string>();
  for (const name of new Set([jobsCollection.name, jobHistoryCollection.name])) {
    for (let i = 0; i < ids.length; i += 500) {
      const docs = await db.collection(name).find({ _id: { $in: ids.slice(i, i + 500) }, state: 'SUCCEEDED' }, { projection: { _id: 1 } }).toArray();
      for (const doc of docs) done.add(String(doc._id));
    }
  }
  return done.size;
}

async function run(finished: number): Promise<void> {
  const database = await openBenchDatabase();
  try {
    const name = database.newDatabaseName('claimscale');
    const db = database.db(name);
    const now = new Date(Date.now() - 1000);
    for (let i = 0; i < finished; i += 5000) {
      await db.collection(jobHistoryCollection.name).insertMany(Array.from({ length: Math.min(5000, finished - i) }, () => jobDoc('SUCCEEDED', now)));
    }
    const docs = Array.from({ length: queued }, () => jobDoc('QUEUED', now));
    await db.collection(jobsCollection.name).insertMany(docs);
    const ids = docs.map((d) => d._id as ObjectId);
    const worker = await startWork({ mongoUri: database.serverUri, dbName: name, apiKeys: BENCH_API_KEYS, env: { LONGHAUL_CONCURRENCY: '20', LOG_LEVEL: process.env.CLAIM_SCALE_LOG_LEVEL ?? 'warn', LONGHAUL_COMMAND_COUNTS_FILE: `/tmp/cmdlog-${name}` } });
    // From the worker's start: its boot (tsx, connections) is not the claim path.
    const before = await opcounters(db);
    const started = Date.now();
    let done = 0;
    let lastProgress = Date.now();
    try {
      while (Date.now() - started < timeoutMs) {
        await new Promise((r) => setTimeout(r, 500));
        const now = await countDone(db, ids);
        if (now > done) lastProgress = Date.now();
        done = now;
        if (done >= queued || Date.now() - lastProgress > stallMs) break;
      }
    } finally {
      worker.kill();
      await worker.exited;
    }
    const seconds = (Date.now() - started) / 1000;
    const succeeded = await countSucceeded(db, ids);
    const { readdirSync, readFileSync, rmSync } = await import('node:fs');
    const commands: Record<string, number> = {};
    for (const file of readdirSync('/tmp').filter((f) => f.startsWith(`cmdlog-${name}.`))) {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(`/tmp/${file}`, 'utf8')) as Record<string, number>)) commands[k] = (commands[k] ?? 0) + v;
      rmSync(`/tmp/${file}`);
    }
    const perJob = Object.fromEntries(Object.entries(commands).filter(([, v]) => v / Math.max(1, done) >= 0.05).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, Number((v / Math.max(1, done)).toFixed(2))]));
    const total = Object.values(commands).reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ commandsPerJob: Number((total / Math.max(1, done)).toFixed(1)), perJob }));
    if (done < queued) {
      const states = await db.collection(jobsCollection.name).aggregate([{ $group: { _id: '$state', n: { $sum: 1 } } }]).toArray();
      const locked = await db.collection(jobsCollection.name).countDocuments({ lockedAt: { $ne: null } });
      const collections = await Promise.all((await db.listCollections().toArray()).map(async (c) => [c.name, await db.collection(c.name).estimatedDocumentCount()]));
      console.log(JSON.stringify({ locked, collections, quotas: await db.collection('tenantQuotas').find().toArray() }));
      console.log(JSON.stringify({ states, sample: await db.collection(jobsCollection.name).findOne({ state: { $ne: 'SUCCEEDED' } }) }));
      console.log(worker.tail(Number(process.env.CLAIM_SCALE_TAIL ?? 3000)));
    }
    const after = await opcounters(db);
    const ops = before !== undefined && after !== undefined ? Object.fromEntries(Object.keys(after).map((k) => [k, ((after[k]! - (before[k] ?? 0)) / Math.max(1, done)).toFixed(1)])) : 'n/a';
    console.log(JSON.stringify({ queued, finished, done, succeeded, seconds: Number(seconds.toFixed(1)), jobsPerSecond: Number((done / seconds).toFixed(1)), commandsPerJob: ops }));
  } finally {
    await database.close();
  }
}

try {
  for (const finished of finishedSizes) await run(finished);
} finally {
  BenchProcess.killAll();
}
