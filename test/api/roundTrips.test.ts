import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseName } from '../support/database.ts';
import { gqlData, wsClient } from '../support/graphqlClient.ts';
import { TEST_KEYS } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';
import { startMonitoredApi, type MonitoredApi } from '../support/monitoredApi.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import type { CommandStartedEvent } from 'mongodb';

describe('database round trips of the API', () => {
  const dbName = uniqueDatabaseName('loader');
  let monitored: MonitoredApi;
  let commands: CommandStartedEvent[];

  beforeAll(async () => {
    // 200 sockets of one key below: above the default per-key cap (50).
    monitored = await startMonitoredApi(dbName, { LONGHAUL_MAX_CONNECTIONS_PER_KEY: '500' });
    ({ commands } = monitored);
    const { client } = monitored;
    const store = new AgendaJobRepository(client.db(dbName));
    const logs = new JobLogStore(client.db(dbName), store);
    for (let i = 0; i < 50; i++) {
      const { record: doc } = await store.create({ tenantId: 'tenantA', type: 'demo.count', input: { to: i }, priority: 0, runAt: new Date(), maxAttempts: 3 });
      await logs.append(doc.id, [1, 2, 3].map((n) => ({ at: new Date(), level: 'info' as const, message: `job ${i} line ${n}`, attempt: 1 })));
    }
  });
  afterAll(async () => {
    await monitored?.close();
  });

  const roundTrips = async (first: number) => {
    // The bus reader polls the database on its own; count only what this query causes.
    const isQueryTraffic = (e: CommandStartedEvent) => !(e.commandName === 'find' && (e.command.find === 'events' || e.command.find === 'counters'));
    const before = commands.filter(isQueryTraffic).length;
    const data = await gqlData(monitored.api.url, TEST_KEYS.tenantA, 'query($first: Int) { jobs(first: $first) { nodes { id checkpoint logs(last: 2) { message } } } }', { first });
    return { trips: commands.filter(isQueryTraffic).length - before, nodes: data.jobs.nodes };
  };

  it('should not grow the number of database round trips with the page size', async () => {
    const small = await roundTrips(5);
    const large = await roundTrips(50);
    expect(small.nodes).toHaveLength(5);
    expect(large.nodes).toHaveLength(50);
    expect(large.nodes[0].logs.map((l: { message: string }) => l.message)).toEqual(['job 49 line 2', 'job 49 line 3']);
    expect(large.nodes.every((n: { logs: unknown[] }) => n.logs.length === 2)).toBe(true);
    expect(large.trips).toBe(small.trips);
    expect(large.trips).toBeLessThanOrEqual(3);
  });

  it('should read the bus through one reader whatever the number of subscribers', async () => {
    const busReads = async (ms: number) => {
      const before = commands.filter((e) => e.commandName === 'find' && e.command.find === 'events').length;
      // A rate is measured over a fixed window: time is the point here, there is nothing to await.
      await new Promise((r) => setTimeout(r, ms));
      return commands.filter((e) => e.commandName === 'find' && e.command.find === 'events').length - before;
    };
    const baseline = await busReads(1500);
    // The API's own listeners (metrics, alerts) are there before any client subscribes.
    const ownListeners = monitored.runtime.bus.listenerCount();
    const clients = Array.from({ length: 200 }, () => wsClient(monitored.api.url, TEST_KEYS.tenantA));
    const unsubscribes = clients.map((c) => c.subscribe({ query: 'subscription { jobEvents { kind } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined }));
    await eventually('200 subscriptions to listen on the bus', () => monitored.runtime.bus.listenerCount() - ownListeners, (added) => added >= 200, { intervalMs: 50 });
    expect(monitored.runtime.bus.listenerCount() - ownListeners).toBe(200);
    const withSubscribers = await busReads(1500);
    unsubscribes.forEach((u) => u());
    await Promise.all(clients.map(async (c) => c.dispose()));
    expect(withSubscribers).toBeLessThanOrEqual(baseline * 2 + 20);
  });
});
