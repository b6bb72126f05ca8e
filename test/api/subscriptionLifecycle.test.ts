import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { createSharedSubscribe } from '../../src/api/sharedSubscriptionExecutor.ts';
import { jobEventsStream } from '../../src/api/subscriptions/jobEventsStream.ts';
import { jobProgressStream } from '../../src/api/subscriptions/jobProgressStream.ts';
import { monitoringEventsStream } from '../../src/api/subscriptions/monitoringEventsStream.ts';
import { buildSchema } from '../../src/api/schema.ts';
import type { Bus, BusListener } from '../../src/bus/bus.ts';
import type { BusEvent, BusReplay } from '../../src/bus/busEvent.ts';
import type { Caller, JobService } from '../../src/engine/jobService.ts';
import { busListeners, waitForBusListeners } from '../support/busListeners.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { gqlData, wsClient } from '../support/graphqlClient.ts';
import { HeapInspector, INSPECT_ENV } from '../support/heapInspector.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { parse } from 'graphql';

/** A bus that never delivers anything: every subscription on it waits forever. */
class SilentBus implements Bus {
  readonly listeners = new Set<BusListener>();
  async start() {}
  async stop() {}
  async publish(): Promise<BusEvent[]> {
    return [];
  }
  subscribe(listener: BusListener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  position() {
    return 0;
  }
  async replay(): Promise<BusReplay> {
    return { events: [], complete: true };
  }
  listenerCount() {
    return this.listeners.size;
  }
}

const caller: Caller = { tenantId: 't', operator: false };
const runningJob = { require: async () => ({ id: 'j', state: 'RUNNING', version: 1 }) } as unknown as JobService;

describe('subscription streams', () => {
  const streams: [string, (bus: Bus) => AsyncIterator<unknown>][] = [
    ['jobEvents', (bus) => jobEventsStream(bus, caller, { types: ['never.matches'] })],
    ['monitoringEvents', (bus) => monitoringEventsStream(bus, caller)],
    ['jobProgress', (bus) => jobProgressStream(bus, runningJob, caller, 'j')],
  ];
  for (const [name, open] of streams) {
    it(`should release the bus listener of ${name} as soon as return() is called while next() waits`, async () => {
      const bus = new SilentBus();
      const stream = open(bus);
      if (name === 'jobProgress') expect((await stream.next()).done).toBe(false); // the snapshot
      const pending = stream.next();
      expect(bus.listenerCount()).toBe(1);
      await stream.return!(undefined);
      expect(bus.listenerCount()).toBe(0);
      await expect(pending).resolves.toMatchObject({ done: true });
    });
  }

  it('should release the source of a shared subscription execution on return()', async () => {
    const bus = new SilentBus();
    const schema = buildSchema();
    const subscribe = createSharedSubscribe(() => 'key');
    const contextValue = { caller, jobs: { bus } };
    const result = (await subscribe({ schema, document: parse('subscription { jobEvents(filter: { types: ["never.matches"] }) { kind } }'), contextValue })) as AsyncIterator<unknown>;
    const pending = result.next();
    expect(bus.listenerCount()).toBe(1);
    await result.return!(undefined);
    expect(bus.listenerCount()).toBe(0);
    await expect(pending).resolves.toMatchObject({ done: true });
  });
});

/** Subscriptions that wait forever on an idle `serve` process: filters that never match, and a job no worker runs. */
function documents(queuedJobId: string): { query: string; variables: Record<string, unknown> }[] {
  return [
    { query: 'subscription($t: [String!]) { jobEvents(filter: { types: $t }) { kind } }', variables: { t: ['never.matches'] } },
    { query: 'subscription { jobEvents(filter: { states: [DEBUG], types: ["demo.count"] }) { kind job { id } } }', variables: {} },
    { query: 'subscription { monitoringEvents { kind } }', variables: {} },
    { query: 'subscription($id: ID!) { jobProgress(id: $id) { kind } }', variables: { id: queuedJobId } },
  ];
}

describe('subscription lifecycle on a real server', () => {
  const A = TEST_KEYS.tenantA;
  /** Subscriptions open at once in one round (under the per-connection cap). */
  const BATCH = 50;
  const COMPLETE_ROUNDS = 40;
  const CLOSE_ROUNDS = 40;
  const PER_SOCKET = 25;
  /** What the heap may keep after thousands of cycles, after a full GC. */
  const HEAP_BOUND_BYTES = 8 * 1024 * 1024;
  let app: LonghaulProcess;
  let heap: HeapInspector;
  let baseline: number;
  let queuedJobId: string;

  beforeAll(async () => {
    // `serve` runs no worker: the job below stays QUEUED and its progress subscription waits forever.
    app = await startLonghaul('serve', uniqueDatabaseName('sub_life'), INSPECT_ENV);
    heap = await HeapInspector.attach(app);
    queuedJobId = (await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 1 } }) { id } }')).createJob.id;
    baseline = await busListeners(app.url);
  });
  afterAll(async () => {
    heap?.close();
    await app?.stop();
  });

  /** Opens `count` subscriptions on `client`, cycling through the documents; resolves once the server registered them all. */
  const openMany = async (client: Client, count: number, expected: number): Promise<(() => void)[]> => {
    const docs = documents(queuedJobId);
    const errors: unknown[] = [];
    const stops = Array.from({ length: count }, (_, i) => client.subscribe(docs[i % docs.length]!, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined }));
    await waitForBusListeners(app.url, (n) => n >= expected || errors.length > 0);
    expect(errors).toEqual([]);
    return stops;
  };

  it('should release every listener on complete, thousands of times, even for filters that never match', async () => {
    const client = wsClient(app.url, A);
    const warmUp = await openMany(client, BATCH, baseline + BATCH);
    for (const stop of warmUp) stop();
    await waitForBusListeners(app.url, (n) => n === baseline);
    const before = await heap.usedAfterGc();
    for (let round = 0; round < COMPLETE_ROUNDS; round++) {
      const stops = await openMany(client, BATCH, baseline + BATCH);
      for (const stop of stops) stop();
      await waitForBusListeners(app.url, (n) => n === baseline, 15_000);
    }
    await client.dispose();
    expect(await busListeners(app.url)).toBe(baseline);
    const growth = (await heap.usedAfterGc()) - before;
    expect(growth, `heap grew by ${growth} bytes over ${COMPLETE_ROUNDS * BATCH} subscriptions`).toBeLessThan(HEAP_BOUND_BYTES);
  });

  it('should release every listener when the socket closes, cleanly or abruptly', async () => {
    const before = await heap.usedAfterGc();
    for (let round = 0; round < CLOSE_ROUNDS; round++) {
      const client = wsClient(app.url, A);
      await openMany(client, PER_SOCKET, baseline + PER_SOCKET);
      if (round % 2 === 0) await client.dispose();
      else client.terminate();
      await waitForBusListeners(app.url, (n) => n === baseline, 15_000);
    }
    const growth = (await heap.usedAfterGc()) - before;
    expect(growth, `heap grew by ${growth} bytes over ${CLOSE_ROUNDS * PER_SOCKET} subscriptions`).toBeLessThan(HEAP_BOUND_BYTES);
  });
});
