import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { ensureIndexes } from '../../src/db/ensureIndexes.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { jobsCollection } from '../../src/engine/agenda/jobsCollection.ts';
import { jobHistoryCollection } from '../../src/engine/agenda/jobHistoryCollection.ts';
import type { JobRecord } from '../../src/engine/jobRecord.ts';
import type { JobEventKind } from '../../src/engine/jobEvent.ts';
import { JobCounterLedger } from '../../src/monitoring/metrics/jobCounterLedger.ts';
import { JobCounterStore } from '../../src/monitoring/metrics/jobCounterStore.ts';
import { FinishBucketStore } from '../../src/monitoring/stats/finishBucketStore.ts';
import { QueueStatsReader } from '../../src/monitoring/stats/queueStatsReader.ts';

describe('finish buckets: throughput and failure rates without reading the job history', () => {
  const dbName = uniqueDatabaseName('finishbuckets');
  let client: MongoClient;
  let db: Db;
  const commands: CommandStartedEvent[] = [];
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    client = new MongoClient(testDatabaseUri(dbName), { monitorCommands: true });
    client.on('commandStarted', (event) => commands.push(event));
    await client.connect();
    db = client.db(dbName);
    await ensureIndexes(db, [jobsCollection, jobHistoryCollection, JobCounterStore.collection, FinishBucketStore.collection]);
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('should count each end once in its minute, per tenant and for all, and answer the statistics by id', async () => {
    const jobs = new AgendaJobRepository(db);
    const finishes = new FinishBucketStore(db);
    const ledger = new JobCounterLedger({ store: new JobCounterStore(db), finishes, logger });
    const now = Date.now();
    const minute = Math.floor(now / 60_000) * 60_000;
    const template = (await jobs.create({ tenantId: 'a', type: 'test.stats', input: null, priority: 0, runAt: new Date(), maxAttempts: 1 })).record;
    const ended = (tenantId: string, state: JobRecord['state'], finishedAt: number, discarded = false): JobRecord => ({
      ...template,
      tenantId,
      state,
      startedAt: new Date(finishedAt - 1000),
      finishedAt: new Date(finishedAt),
      debugActions: discarded ? [{ kind: 'ENTERED', at: new Date(finishedAt - 500), by: null, reason: null }, { kind: 'DISCARDED', at: new Date(finishedAt), by: 'ops', reason: 'no' }] : [],
    });
    const events: [JobEventKind, JobRecord][] = [
      ['SUCCEEDED', ended('a', 'SUCCEEDED', now)],
      ['SUCCEEDED', ended('a', 'SUCCEEDED', now)],
      ['FAILED', ended('a', 'FAILED', now)],
      // Parked in the debug queue: a failure; discarded from there later: not a second one.
      ['DEBUG', ended('a', 'DEBUG', now)],
      ['FAILED', ended('a', 'FAILED', now, true)],
      // Cancelled: neither.
      ['CANCELLED', ended('a', 'CANCELLED', now)],
      ['SUCCEEDED', ended('b', 'SUCCEEDED', now)],
      // Three minutes ago, and ten minutes ago (outside a 5-minute window).
      ['FAILED', ended('b', 'FAILED', minute - 3 * 60_000 + 5)],
      ['SUCCEEDED', ended('a', 'SUCCEEDED', minute - 10 * 60_000 + 5)],
    ];
    for (const [kind, doc] of events) ledger.companion(kind, doc);
    await ledger.flush();

    const stats = new QueueStatsReader({ jobs, finishes, cacheMs: 0 });
    const from = commands.length;
    expect(await stats.failureRate('a', 5)).toEqual({ windowMinutes: 5, finished: 4, failed: 2, rate: 0.5 });
    expect(await stats.failureRate('b', 5)).toEqual({ windowMinutes: 5, finished: 2, failed: 1, rate: 0.5 });
    expect(await stats.failureRate(null, 5)).toEqual({ windowMinutes: 5, finished: 6, failed: 3, rate: 0.5 });
    expect(await stats.failureRate(null, 15)).toEqual({ windowMinutes: 15, finished: 7, failed: 3, rate: 3 / 7 });
    const perMinute = await stats.throughput(null, 5);
    // By the minute's start (a minute may have begun since `now`: the window then starts a minute later).
    const counts = new Map(perMinute.map((b) => [b.start.getTime() - minute, [b.succeeded, b.failed]]));
    expect(perMinute).toHaveLength(5);
    expect(counts.get(0)).toEqual([3, 2]);
    expect(counts.get(-3 * 60_000)).toEqual([0, 1]);
    expect([...counts].filter(([at]) => at !== 0 && at !== -3 * 60_000).every(([, c]) => c[0] === 0 && c[1] === 0)).toBe(true);
    // Only the buckets were read, each statistic with one `find` by `_id`.
    const sent = commands.slice(from);
    expect(sent.map((e) => `${e.commandName} ${String(e.command[e.commandName])}`)).toEqual(Array(5).fill('find jobFinishBuckets'));
    expect(sent.every((e) => Object.keys((e.command.filter as { _id?: object })._id ?? {}).join() === '$in')).toBe(true);
  });

  it('should delete only the buckets older than the cutoff', async () => {
    const finishes = new FinishBucketStore(db);
    const minute = (ago: number) => Math.floor((Date.now() - ago * 60_000) / 60_000) * 60_000;
    await finishes.add([
      { tenantId: 'c', minuteMs: minute(3 * 1440), succeeded: 1, failed: 0 },
      { tenantId: 'c', minuteMs: minute(1), succeeded: 1, failed: 0 },
    ]);
    let batches = 0;
    const deleted = await finishes.deleteBefore(new Date(Date.now() - 2 * 86_400_000), { size: 1000, between: async () => void batches++ });
    // The tenant's bucket and the all-tenants bucket of that minute.
    expect(deleted).toBe(2);
    expect(batches).toBe(1);
    expect(await finishes.read('c', [minute(3 * 1440), minute(1)])).toEqual([{ minuteMs: minute(1), succeeded: 1, failed: 0 }]);
  });
});
