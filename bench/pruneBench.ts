/**
 * `npm run bench -- prune`: how fast `salesforce.backupPrune` deletes a month and more of backups, and what it costs
 * the API meanwhile. One org's history is seeded through the stores (`pruneHistory.ts`), then a real `longhaul work`
 * runs the prune job while the bench samples a GraphQL query of a real `longhaul serve` over HTTP, one request in
 * flight at a time; the same query is sampled idle just before, in the same run.
 */
import type { Db } from 'mongodb';
import type { Bus } from '../src/bus/bus.ts';
import { AgendaJobRepository } from '../src/engine/agenda/agendaJobRepository.ts';
import { JobEventPublisher } from '../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../src/engine/jobLogStore.ts';
import { JobService } from '../src/engine/jobService.ts';
import { JobTypeRegistry } from '../src/engine/jobTypeRegistry.ts';
import { TenantQuotaStore } from '../src/engine/tenantQuotaStore.ts';
import { BACKUP_PRUNE_JOB_TYPE, createBackupPruneJobType, type PruneResult } from '../src/jobs/salesforce/index.ts';
import { BackupChangeStore, BackupFileStore, BackupPolicyStore, BackupStore, type BackupRetention } from '../src/storage/index.ts';
import { positiveInt } from './benchOptions.ts';
import { seedPruneHistory, type PruneHistory } from './pruneHistory.ts';
import { summarize, type LatencySummary } from './stats.ts';
import type { BenchDatabase } from './support/benchDatabase.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { LatencySampler } from './support/latencySampler.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, startServe, startWork } from './support/longhaulService.ts';
import { renderTable } from './support/textTable.ts';

/** Sizes of the prune bench. */
export interface PruneBenchOptions {
  /** Daily backups seeded (`BENCH_PRUNE_BACKUPS`, default 40). */
  backups: number;
  /** Records per backup (`BENCH_PRUNE_RECORDS`, default 20,000). */
  records: number;
  /** Seconds the query is sampled idle before the prune (`BENCH_PRUNE_IDLE_S`, default 10). */
  idleSeconds: number;
}

/** The policy the bench's org has: grandfather-father-son, a week of dailies. */
export const PRUNE_BENCH_RETENTION: BackupRetention = { daily: 7, weekly: 4, monthly: 3, keepDays: null };

/** The tenant of the bench's API key. */
const TENANT = 'bench';
/** What the bench samples: the backups list a dashboard shows (with each backup's retention). */
const BACKUPS_QUERY = 'query($orgId: ID!) { backups(orgId: $orgId) { id status records keptBy expiresAt } }';
/** Goal: the API's p99 during a prune within this many times its idle p99 ... */
const P99_RATIO_GOAL = 3;
/** ... or under this many milliseconds. */
const P99_ABSOLUTE_GOAL_MS = 100;

/** Reads {@link PruneBenchOptions} from the environment. */
export function loadPruneBenchOptions(env: NodeJS.ProcessEnv = process.env): PruneBenchOptions {
  return { backups: positiveInt(env, 'BENCH_PRUNE_BACKUPS', 40), records: positiveInt(env, 'BENCH_PRUNE_RECORDS', 20_000), idleSeconds: positiveInt(env, 'BENCH_PRUNE_IDLE_S', 10) };
}

/** What the prune bench measured. */
export interface PruneBenchResult {
  options: PruneBenchOptions;
  seededBackups: number;
  seedMs: number;
  /** The job's result. */
  result: PruneResult;
  /** Job `startedAt` to `finishedAt`, ms. */
  durationMs: number;
  removed: PruneRemoval;
  /** Whether what is left is exactly what the kept backups hold (backups, files, chunks, change chunks). */
  leftMatchesKept: boolean;
  idle: LatencySummary;
  during: LatencySummary;
  /** Failed requests (any phase); each counts as a sample of its duration. */
  failedRequests: number;
}

/** What a prune removed, counted from the seeded history. */
export interface PruneRemoval {
  backups: number;
  records: number;
  bytes: number;
  files: number;
  gridFsChunks: number;
  changeChunks: number;
  /** Every document: backup records, GridFS files and chunks, `backupChanges` chunks. */
  documents: number;
}

/** Counts of documents of a set of backups. */
export interface StoredBackupCounts {
  backups: number;
  files: number;
  gridFsChunks: number;
  changeChunks: number;
}

/** The `_id`s of every document of some backups, read once (before a prune) so that what is left can be counted by `_id`. */
export interface StoredBackupIds {
  backups: string[];
  files: string[];
  gridFsChunks: string[];
  changeChunks: string[];
}

/**
 * The `_id`s of `backupIds`' records, GridFS files and chunks (`<fileId>#<n>`, as many as each file's length says)
 * and `backupChanges` chunks, as the database holds them now.
 */
export async function storedBackupIds(db: Db, backupIds: readonly string[]): Promise<StoredBackupIds> {
  const ids: StoredBackupIds = { backups: [], files: [], gridFsChunks: [], changeChunks: [] };
  for (const id of backupIds) {
    if ((await db.collection('backups').countDocuments({ _id: id as never })) === 1) ids.backups.push(id);
    const files = await db.collection<{ _id: string; length: number; chunkSize: number }>('backupFiles.files').find({ 'metadata.backupId': id }, { projection: { _id: 1, length: 1, chunkSize: 1 } }).toArray();
    for (const f of files) {
      ids.files.push(f._id);
      for (let n = 0; n < Math.ceil(f.length / f.chunkSize); n++) ids.gridFsChunks.push(`${f._id}#${n}`);
    }
    for (const c of await db.collection('backupChanges').find({ backupId: id }, { projection: { _id: 1 } }).toArray()) ids.changeChunks.push(String(c._id));
  }
  return ids;
}

/** How many of `ids` each collection still holds (`_id` lookups, 1,000 at a time). */
export async function countStored(db: Db, ids: StoredBackupIds): Promise<StoredBackupCounts> {
  const count = async (collection: string, of: readonly string[]): Promise<number> => {
    let n = 0;
    for (let i = 0; i < of.length; i += 1000) n += await db.collection(collection).countDocuments({ _id: { $in: of.slice(i, i + 1000) } as never });
    return n;
  };
  return {
    backups: await count('backups', ids.backups),
    files: await count('backupFiles.files', ids.files),
    gridFsChunks: await count('backupFiles.chunks', ids.gridFsChunks),
    changeChunks: await count('backupChanges', ids.changeChunks),
  };
}

/** Runs the prune bench on its own database of `database`'s server. */
export async function runPruneBench(database: BenchDatabase, options: PruneBenchOptions, status: (message: string) => void): Promise<PruneBenchResult> {
  const dbName = database.newDatabaseName('bench_prune');
  const db = database.db(dbName);
  const serve = await startServe({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS });
  const work = await startWork({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: { LONGHAUL_WORKERS: '1', LONGHAUL_PROCESS_EVERY_MS: '200' } });
  try {
    status(`prune: seeding ${options.backups} daily backups of ${options.records} records through the stores`);
    const seedStarted = Date.now();
    const history = await seedPruneHistory(db, {
      tenantId: TENANT,
      backups: options.backups,
      records: options.records,
      retention: PRUNE_BENCH_RETENTION,
      onBackup: (done, total) => {
        if (done % 10 === 0 || done === total) status(`prune: ${done}/${total} backups seeded`);
      },
    });
    const seedMs = Date.now() - seedStarted;
    const ids = await storedBackupIds(db, history.backups.map((b) => b.id));
    const before = await countStored(db, ids);
    await work.waitForOutput(/longhaul worker \S+: running/, 60_000);

    const gql = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: BENCH_API_KEY, timeoutMs: 60_000 });
    const sampler = new LatencySampler(() => gql.request(BACKUPS_QUERY, { orgId: history.orgId }));
    status(`prune: sampling backups(orgId) idle for ${options.idleSeconds} s`);
    const idleFrom = Date.now();
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
    const idleTo = Date.now();

    status('prune: running salesforce.backupPrune on the worker');
    const jobs = pruneJobService(db);
    const caller = { tenantId: TENANT, operator: false };
    const created = await jobs.createInternal(caller, { type: BACKUP_PRUNE_JOB_TYPE, input: { orgId: history.orgId } });
    let job = await jobs.get(caller, created.id);
    while (job !== null && job.state !== 'SUCCEEDED' && job.state !== 'FAILED' && job.state !== 'CANCELLED' && job.state !== 'DEBUG') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await jobs.get(caller, created.id);
    }
    const samples = await sampler.stop();
    if (job === null || job.state !== 'SUCCEEDED' || job.startedAt === null || job.finishedAt === null) throw new Error(`the prune job ended ${job?.state ?? 'missing'}`);
    const result = job.result as PruneResult;
    const [startedAt, finishedAt] = [job.startedAt.getTime(), job.finishedAt.getTime()];

    const left = new Set((await db.collection('backups').find({ orgId: history.orgId }, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
    const pruned = history.backups.filter((b) => !left.has(b.id));
    const kept = history.backups.filter((b) => left.has(b.id));
    const after = await countStored(db, ids);
    const keptIds = await storedBackupIds(db, kept.map((b) => b.id));
    const sum = (pick: (b: PruneHistory['backups'][number]) => number, of: PruneHistory['backups']): number => of.reduce((total, b) => total + pick(b), 0);
    const removed: PruneRemoval = {
      backups: before.backups - after.backups,
      records: sum((b) => b.records, pruned),
      bytes: sum((b) => b.bytes, pruned),
      files: before.files - after.files,
      gridFsChunks: before.gridFsChunks - after.gridFsChunks,
      changeChunks: before.changeChunks - after.changeChunks,
      documents: 0,
    };
    removed.documents = removed.backups + removed.files + removed.gridFsChunks + removed.changeChunks;
    // Left: exactly the kept backups' documents, as many as the seed wrote for them (their chunks: as their files say).
    const leftMatchesKept =
      after.backups === kept.length &&
      after.files === sum((b) => b.files, kept) &&
      after.changeChunks === sum((b) => b.changeChunks, kept) &&
      after.gridFsChunks === keptIds.gridFsChunks.length &&
      (await countStored(db, keptIds)).gridFsChunks === keptIds.gridFsChunks.length;
    return {
      options,
      seededBackups: history.backups.length,
      seedMs,
      result,
      durationMs: finishedAt - startedAt,
      removed,
      leftMatchesKept,
      idle: summarize(samples.filter((s) => s.at >= idleFrom && s.at < idleTo).map((s) => s.ms)),
      during: summarize(samples.filter((s) => s.at >= startedAt && s.at < finishedAt).map((s) => s.ms)),
      failedRequests: sampler.failures,
    };
  } finally {
    await work.stop();
    await serve.process.stop();
  }
}

/** A `JobService` that can create the internal prune job (the workers run it; they find it by polling, not the bus). */
function pruneJobService(db: Db): JobService {
  const registry = new JobTypeRegistry().register(createBackupPruneJobType({ policies: new BackupPolicyStore(db), backups: new BackupStore(db), files: new BackupFileStore(db), changes: new BackupChangeStore(db) }));
  const silentBus = { publish: async () => undefined } as unknown as Bus;
  const repository = new AgendaJobRepository(db);
  return new JobService(repository, new JobLogStore(db, repository), new TenantQuotaStore(db), silentBus, registry, new JobEventPublisher(silentBus));
}

const num = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(1)} ms`);

/** The prune part of the report. */
export function renderPruneReport(r: PruneBenchResult): string {
  const seconds = r.durationMs / 1000;
  const rate = (n: number): string => `${num(n / seconds)}/s`;
  const ratio = r.during.p99 / r.idle.p99;
  const met = ratio <= P99_RATIO_GOAL || r.during.p99 < P99_ABSOLUTE_GOAL_MS;
  const retention = PRUNE_BENCH_RETENTION;
  let out = `\nBackup prune (salesforce.backupPrune on 1 longhaul work, 1 org: ${r.seededBackups} daily FULL backups of ${num(r.options.records)} records, 5 objects, parts of 5,000 records; policy daily ${retention.daily} weekly ${retention.weekly} monthly ${retention.monthly}; seeded through the stores in ${(r.seedMs / 1000).toFixed(1)} s)\n`;
  out += `removed ${num(r.removed.backups)} backups (${num(r.removed.records)} records, ${(r.removed.bytes / 1024 / 1024).toFixed(1)} MiB gzip), ${num(r.removed.files)} GridFS files, ${num(r.removed.gridFsChunks)} GridFS chunks, ${num(r.removed.changeChunks)} backupChanges chunks: ${num(r.removed.documents)} documents in ${seconds.toFixed(2)} s (job startedAt to finishedAt); kept ${num(r.result.backupsKept)}\n`;
  out += `job result: ${JSON.stringify({ backupsRemoved: r.result.backupsRemoved, filesRemoved: r.result.filesRemoved, changesRemoved: r.result.changesRemoved, backupsKept: r.result.backupsKept })}; what is left is exactly what the kept backups hold: ${r.leftMatchesKept ? 'yes' : 'NO'}\n`;
  out += `${renderTable(
    ['throughput', 'per second'],
    [
      ['backups removed', rate(r.removed.backups)],
      ['GridFS chunks removed', rate(r.removed.gridFsChunks)],
      ['records removed (in the backups)', rate(r.removed.records)],
      ['documents removed (all collections)', rate(r.removed.documents)],
    ],
  )}\n`;
  out += `\nAPI during the prune: backups(orgId) over HTTP to 1 longhaul serve, one request in flight, sampled idle for ${r.options.idleSeconds} s just before and for the whole prune${r.failedRequests > 0 ? ` (${r.failedRequests} failed requests)` : ''}\n`;
  out += `${renderTable(
    ['phase', 'samples', 'p50', 'p99', 'max'],
    [
      ['idle, before', num(r.idle.count), ms(r.idle.p50), ms(r.idle.p99), ms(r.idle.max)],
      ['during the prune', num(r.during.count), ms(r.during.p50), ms(r.during.p99), ms(r.during.max)],
    ],
  )}\n`;
  out += `p99 during / idle: ${ratio.toFixed(2)}x; goal: p99 during the prune within ${P99_RATIO_GOAL}x the idle p99, or under ${P99_ABSOLUTE_GOAL_MS} ms: ${met ? 'met' : 'NOT MET'}\n`;
  return out;
}
