import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../src/bus/bus.ts';
import type { BusEvent } from '../../src/bus/busEvent.ts';
import { eventually } from '../support/eventually.ts';

/** One store a bus implementation keeps its events in, shared by the buses opened on it (one per "process"). */
export interface BusContractStore {
  /** A new, not yet started bus on this store, as one process opens it. */
  open(): Bus;
  /** Releases the store (drops its database). */
  dispose(): Promise<void>;
}

/** Options of a store the contract asks for. */
export interface BusContractStoreOptions {
  /** Events the store keeps at most; older ones are evicted. Default: the implementation's. */
  maxEvents?: number;
}

/** Makes a fresh, empty store for one test. */
export type BusContractFactory = (options?: BusContractStoreOptions) => Promise<BusContractStore>;

/** Events seen by one listener, and a way to await a count of them (an event, not a poll). */
interface Recorder {
  events: BusEvent[];
  /** Resolves once `count` events (of `topic`, when given) arrived; rejects after `timeoutMs` naming what came. */
  reach(count: number, timeoutMs?: number): Promise<BusEvent[]>;
  unsubscribe(): void;
}

function record(bus: Bus, topic?: string): Recorder {
  const events: BusEvent[] = [];
  const waiters: { count: number; resolve: (events: BusEvent[]) => void }[] = [];
  const unsubscribe = bus.subscribe((event) => {
    if (topic !== undefined && event.topic !== topic) return;
    events.push(event);
    for (const waiter of [...waiters]) {
      if (events.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(events);
      }
    }
  });
  return {
    events,
    unsubscribe,
    reach: (count, timeoutMs = 30_000) => {
      if (events.length >= count) return Promise.resolve(events);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${events.length} of ${count} events arrived within ${timeoutMs} ms; last: ${JSON.stringify(events.slice(-3))}`)), timeoutMs);
        waiters.push({ count, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
  };
}

/**
 * The contract every {@link Bus} implementation keeps, run by each implementation's test file with a
 * factory of fresh stores: delivery in position order to every process with concurrent writers, per-job
 * order, no duplicates, resuming from a position, eviction reported to a reader that fell behind, and
 * `stop()` ending the reader.
 */
export function busContract(name: string, factory: BusContractFactory): void {
  describe(`Bus contract: ${name}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    /** A fresh store whose buses are stopped and which is disposed after the test. */
    const store = async (options?: BusContractStoreOptions) => {
      const s = await factory(options);
      const opened: Bus[] = [];
      cleanup.push(async () => {
        await Promise.all(opened.map((b) => b.stop()));
        await s.dispose();
      });
      return {
        open: () => {
          const bus = s.open();
          opened.push(bus);
          return bus;
        },
      };
    };
    afterEach(async () => {
      for (const step of cleanup.splice(0).reverse()) await step();
    });

    it('should deliver every event once, in position order, to every listener of every process, with concurrent writers', async () => {
      const s = await store();
      const [writerA, writerB, readerA, readerB] = [s.open(), s.open(), s.open(), s.open()];
      await Promise.all([readerA.start(), readerB.start()]);
      const seen = [record(readerA, 'job'), record(readerA, 'job'), record(readerB, 'job')];
      const jobs = ['j1', 'j2', 'j3'];
      const perWriter = 40;
      // Each writer publishes, per job, steps 0..n in order; the writers and the jobs run concurrently, some in batches.
      const publishAll = (writer: Bus, name: string) =>
        Promise.all(
          jobs.map(async (jobId) => {
            for (let step = 0; step < perWriter; ) {
              const batch = step % 3 === 0 ? Math.min(2, perWriter - step) : 1;
              const messages = Array.from({ length: batch }, (_, i) => ({ topic: 'job', jobId, tenantId: 'tenantA', payload: { writer: name, step: step + i } }));
              step += batch;
              await writer.publish(messages);
            }
          }),
        );
      await Promise.all([publishAll(writerA, 'A'), publishAll(writerB, 'B')]);
      const total = 2 * jobs.length * perWriter;
      const [first, second, other] = await Promise.all(seen.map((r) => r.reach(total)));
      // The same sequence everywhere: strictly increasing positions, nothing twice.
      const seqs = first!.map((e) => e.seq);
      expect(first!.length).toBe(total);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(total);
      expect(second!.map((e) => e.seq)).toEqual(seqs);
      expect(other!.map((e) => e.seq)).toEqual(seqs);
      // Per job and writer, the order it was published in.
      for (const jobId of jobs) {
        for (const writer of ['A', 'B']) {
          const steps = first!.filter((e) => e.jobId === jobId && (e.payload as { writer: string }).writer === writer).map((e) => (e.payload as { step: number }).step);
          expect(steps, `${jobId} by ${writer}`).toEqual(Array.from({ length: perWriter }, (_, i) => i));
        }
      }
      // Positions name events: delivered as stored, with their tenant, job and time.
      expect(first![0]).toMatchObject({ topic: 'job', tenantId: 'tenantA', jobId: expect.stringMatching(/^j[123]$/), at: expect.any(Date) });
      expect(readerA.position()).toBeGreaterThanOrEqual(seqs.at(-1)!);
      expect(readerA.listenerCount()).toBe(2);
    });

    it('should give a batch consecutive positions, returned as stored', async () => {
      const s = await store();
      const bus = s.open();
      const one = await bus.publish({ topic: 'x', payload: 'one' });
      const batch = await bus.publish([1, 2, 3].map((n) => ({ topic: 'x', jobId: 'j', payload: n })));
      expect(one).toHaveLength(1);
      expect(batch.map((e) => e.seq)).toEqual([one[0]!.seq + 1, one[0]!.seq + 2, one[0]!.seq + 3]);
      expect(batch.map((e) => e.payload)).toEqual([1, 2, 3]);
      expect(await bus.publish([])).toEqual([]);
    });

    it('should resume from a position: replay gives exactly the events after it, per job too, and live delivery goes on from there', async () => {
      const s = await store();
      const writer = s.open();
      const reader = s.open();
      await reader.start();
      const live = record(reader, 'x');
      const published = (await Promise.all([...Array(10).keys()].map((i) => writer.publish({ topic: 'x', jobId: i % 2 === 0 ? 'even' : 'odd', payload: i })))).flat().sort((a, b) => a.seq - b.seq);
      await live.reach(10);
      expect(live.events.map((e) => e.seq)).toEqual(published.map((e) => e.seq));
      expect(reader.position()).toBe(published[9]!.seq);
      // A client that saw up to the 4th event resumes from its position.
      const resumeAt = published[3]!.seq;
      const replay = await reader.replay({ afterSeq: resumeAt });
      expect(replay.complete).toBe(true);
      expect(replay.events.map((e) => [e.seq, e.payload])).toEqual(published.slice(4).map((e) => [e.seq, e.payload]));
      const odd = await reader.replay({ afterSeq: resumeAt, jobId: 'odd' });
      expect(odd).toEqual({ complete: true, events: published.slice(4).filter((e) => e.jobId === 'odd').map((e) => expect.objectContaining({ seq: e.seq, payload: e.payload, jobId: 'odd' })) });
      expect(await reader.replay({ afterSeq: published[9]!.seq })).toEqual({ complete: true, events: [] });
      // A process started now reads from now on: it gets the next event, not the history.
      const late = s.open();
      await late.start();
      const lateSeen = record(late, 'x');
      const [next] = await writer.publish({ topic: 'x', payload: 'next' });
      await lateSeen.reach(1);
      await live.reach(11);
      expect(lateSeen.events.map((e) => e.seq)).toEqual([next!.seq]);
      expect(live.events.at(-1)!.seq).toBe(next!.seq);
    });

    it('should tell a reader that fell behind the kept events that its replay is incomplete, and keep the recent ones', async () => {
      const s = await store({ maxEvents: 100 });
      const writer = s.open();
      const reader = s.open();
      await reader.start();
      const live = record(reader, 'x');
      const published: BusEvent[] = [];
      for (let i = 0; i < 5; i++) published.push(...(await writer.publish(Array.from({ length: 50 }, (_, j) => ({ topic: 'x', payload: i * 50 + j })))));
      // The live reader kept up: every event, once, in order.
      await live.reach(250);
      expect(live.events.map((e) => e.payload)).toEqual([...Array(250).keys()]);
      // A reader far behind: its position was evicted. Stores may evict lazily (FerretDB trims capped collections on an interval).
      const behind = await eventually('the store to evict the oldest events', () => reader.replay({ afterSeq: published[0]!.seq - 1 }), (replay) => !replay.complete, { timeoutMs: 60_000, intervalMs: 200 });
      expect(behind.complete).toBe(false);
      expect(behind.events.length).toBeLessThanOrEqual(100);
      const recent = await reader.replay({ afterSeq: published[239]!.seq });
      expect(recent).toEqual({ complete: true, events: published.slice(240).map((e) => expect.objectContaining({ seq: e.seq, payload: e.payload })) });
    });

    it('should stop delivering once stop() resolved, while a running reader still gets the events', async () => {
      const s = await store();
      const writer = s.open();
      const stopped = s.open();
      const running = s.open();
      await Promise.all([stopped.start(), running.start()]);
      const before = record(stopped, 'x');
      const control = record(running, 'x');
      await writer.publish({ topic: 'x', payload: 'before' });
      await before.reach(1);
      await stopped.stop();
      await writer.publish({ topic: 'x', payload: 'after' });
      // The running reader got the event; the stopped one, reading the same store, did not.
      await control.reach(2);
      expect(control.events.map((e) => e.payload)).toEqual(['before', 'after']);
      expect(before.events.map((e) => e.payload)).toEqual(['before']);
      // Stopping twice is harmless, and a stopped bus still publishes.
      await stopped.stop();
      const [third] = await stopped.publish({ topic: 'x', payload: 'from the stopped bus' });
      expect((await control.reach(3))[2]!.seq).toBe(third!.seq);
      expect(before.events).toHaveLength(1);
    });

    it('should release a listener on unsubscribe and count live listeners', async () => {
      const s = await store();
      const bus = s.open();
      await bus.start();
      const kept = record(bus, 'x');
      const dropped = record(bus, 'x');
      expect(bus.listenerCount()).toBe(2);
      dropped.unsubscribe();
      expect(bus.listenerCount()).toBe(1);
      await bus.publish({ topic: 'x', payload: 1 });
      await kept.reach(1);
      expect(dropped.events).toEqual([]);
    });
  });
}
