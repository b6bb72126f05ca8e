import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { WorkerStore } from '../../src/monitoring/workerStore.ts';
import { WorkerLiveness } from '../../src/monitoring/workerLiveness.ts';
import { NoLiveWorkerRule } from '../../src/monitoring/alerts/noLiveWorkerRule.ts';
import type { WorkerDocument } from '../../src/monitoring/workerDocument.ts';

const T0 = new Date('2026-12-01T12:00:00Z').getTime();
const at = (ms: number) => new Date(T0 + ms);

const worker = (id: string, role: string, heartbeatMs: number, stoppedMs: number | null = null): WorkerDocument => ({
  _id: id,
  host: 'test',
  pid: 1,
  role,
  version: 'test',
  startedAt: at(-60_000),
  heartbeatAt: at(heartbeatMs),
  stoppedAt: stoppedMs === null ? null : at(stoppedMs),
  runningJobIds: [],
  eventLoopDelay: null,
  rssBytes: null,
});

describe('WorkerLiveness: one definition of alive', () => {
  let t: TestDatabase;
  const liveness = new WorkerLiveness({ workerHeartbeatMs: 1000, workerLostIntervals: 3 });

  beforeAll(async () => {
    t = await withTestDatabase('liveness');
  });
  afterAll(async () => t?.drop());

  it('should count a process alive within heartbeat × lost intervals, and never once it stopped', async () => {
    expect(liveness.lostAfterMs).toBe(3000);
    expect(liveness.isAlive(worker('a', 'worker', 0), T0 + 3000)).toBe(true);
    expect(liveness.isAlive(worker('a', 'worker', 0), T0 + 3001)).toBe(false);
    expect(liveness.isAlive(worker('b', 'worker', 0, 0), T0 + 1)).toBe(false);
    // The store's query agrees with the predicate on the same documents.
    const workers = t.db.collection<WorkerDocument>(WorkerStore.collection.name);
    const docs = [worker('fresh', 'worker', -2999), worker('edge', 'worker', -3000), worker('stale', 'worker', -3001), worker('stopped', 'worker', -10, -5)];
    await workers.insertMany(docs);
    const found = (await new WorkerStore(t.db).aliveEventLoopDelays(liveness, at(0))).map((w) => w._id).sort();
    await workers.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
    expect(found).toEqual(docs.filter((d) => liveness.isAlive(d, T0)).map((d) => d._id).sort());
    expect(found).toEqual(['edge', 'fresh']);
  });

  it('should fire NO_LIVE_WORKER only when no worker-role process is alive for the threshold, whatever API processes do', async () => {
    const workers = t.db.collection<WorkerDocument>(WorkerStore.collection.name);
    const rule = new NoLiveWorkerRule(new WorkerStore(t.db), liveness, 10);
    const evaluatingSince = at(-60_000);
    // An API process heartbeating is not a worker; the worker's last beat was at 0, so it stopped counting at 3 s.
    await workers.insertMany([worker('api-1', 'api', 100_000), worker('w-1', 'worker', 0)]);
    expect(await rule.active({ now: at(2_000), evaluatingSince })).toEqual([]);
    expect(await rule.active({ now: at(12_999), evaluatingSince })).toEqual([]);
    const fired = await rule.active({ now: at(13_000), evaluatingSince });
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ key: 'all', tenantId: null });
    // Not before the evaluator ran for the threshold.
    expect(await rule.active({ now: at(13_000), evaluatingSince: at(5_000) })).toEqual([]);
    // A worker that comes back ends the condition.
    await workers.insertOne(worker('w-2', 'worker', 20_000));
    expect(await rule.active({ now: at(21_000), evaluatingSince })).toEqual([]);
  });
});
