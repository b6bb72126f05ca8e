import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import { ReorderBuffer } from '../../src/bus/reorderBuffer.ts';
import type { BusEvent } from '../../src/bus/busEvent.ts';
import { decodePosition, encodePosition } from '../../src/bus/busPosition.ts';
import { busContract } from './bus.contract.ts';

const event = (seq: number): BusEvent => ({ seq, topic: 't', at: new Date(), payload: seq });

describe('ReorderBuffer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should deliver events inserted out of order in position order', () => {
    const got: number[] = [];
    const buffer = new ReorderBuffer({ lastDelivered: 10, deliver: (e) => got.push(e.seq) });
    for (const seq of [12, 11, 14, 13, 13, 9, 15]) buffer.push(event(seq));
    buffer.close();
    expect(got).toEqual([11, 12, 13, 14, 15]);
  });

  it('should skip a position that never arrives after the gap timeout', () => {
    vi.useFakeTimers();
    const got: number[] = [];
    const buffer = new ReorderBuffer({ lastDelivered: 0, gapTimeoutMs: 50, deliver: (e) => got.push(e.seq) });
    buffer.push(event(2));
    buffer.push(event(3));
    vi.advanceTimersByTime(49);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([2, 3]);
    buffer.push(event(1));
    expect(got).toEqual([2, 3]);
  });

  it('should skip positions that will never come and still deliver those that did', () => {
    const got: number[] = [];
    const buffer = new ReorderBuffer({ lastDelivered: 0, deliver: (e) => got.push(e.seq) });
    buffer.push(event(3));
    buffer.skipTo(5);
    buffer.push(event(4));
    buffer.push(event(6));
    buffer.close();
    expect(got).toEqual([3, 6]);
  });

  it('should round-trip positions and reject malformed ones', () => {
    expect(decodePosition(encodePosition(123456))).toBe(123456);
    expect(() => decodePosition('not a position!')).toThrow(/not an event position/);
  });
});

describe('MongoBus', () => {
  let t: TestDatabase;
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

  beforeAll(async () => {
    t = await withTestDatabase('bus');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('should replace the plain position index of a database made by an older version with a unique one', async () => {
    const old = await withTestDatabase('bus-upgrade');
    try {
      await old.db.createCollection('events', { capped: true, size: 1024 * 1024, max: 100 });
      await old.db.collection('events').createIndex({ seq: 1 }, { name: 'seq' });
      const bus = new MongoBus({ db: old.db, logger, wait: 'client' });
      await bus.ensureCollection();
      const indexes = await old.db.collection('events').indexes();
      expect(indexes.filter((i) => Object.keys(i.key).join() === 'seq').map((i) => ({ name: i.name, unique: i.unique }))).toEqual([{ name: 'seq_unique', unique: true }]);
    } finally {
      await old.drop();
    }
  });

  it('should write publishes that arrive during a write together: one allocation and one insert per round, each caller its own events in order', async () => {
    const grouped = await withTestDatabase('bus-group');
    const monitored = new MongoClient(grouped.uri, { monitorCommands: true });
    const writes: string[] = [];
    monitored.on('commandStarted', (e) => {
      if (e.commandName === 'findAndModify' || e.commandName === 'insert') writes.push(`${e.commandName} ${String(e.command[e.commandName])}`);
    });
    await monitored.connect();
    const bus = new MongoBus({ db: monitored.db(grouped.dbName), logger, wait: 'client' });
    try {
      await bus.ensureCollection();
      writes.length = 0;
      // 50 callers at once, one with three events: the first is written alone, the 49 waiting ones together after it.
      const calls = Array.from({ length: 50 }, (_, i) =>
        bus.publish(i === 7 ? [{ topic: 'g', payload: 'a7' }, { topic: 'g', payload: 'b7' }, { topic: 'g', payload: 'c7' }] : { topic: 'g', payload: i }),
      );
      const answers = await Promise.all(calls);
      expect(answers.map((events) => events.map((e) => e.payload))).toEqual(Array.from({ length: 50 }, (_, i) => (i === 7 ? ['a7', 'b7', 'c7'] : [i])));
      const positions = answers.flat().map((e) => e.seq);
      expect(positions).toEqual(Array.from({ length: 52 }, (_, i) => positions[0]! + i));
      expect(writes).toEqual(['findAndModify counters', 'insert events', 'findAndModify counters', 'insert events']);
      const stored = await grouped.db.collection('events').find({ topic: 'g' }, { projection: { _id: 0, seq: 1, payload: 1 } }).toArray();
      expect(stored.sort((a, b) => a.seq - b.seq)).toEqual(answers.flat().map((e) => ({ seq: e.seq, payload: e.payload })));
      // A failed write fails the callers of its round only; the bus writes again afterwards.
      await grouped.db.collection('counters').updateOne({ _id: 'events' as never }, { $inc: { seq: -1 } });
      await expect(bus.publish({ topic: 'g', payload: 'collides' })).rejects.toMatchObject({ code: 11000 });
      expect((await bus.publish({ topic: 'g', payload: 'next' }))[0]!.payload).toBe('next');
    } finally {
      await bus.stop();
      await monitored.close();
      await grouped.drop();
    }
  });

  for (const wait of ['client', 'server'] as const) {
    it(`should skip a position whose publisher died between allocating and writing it (wait: ${wait})`, async () => {
      const gap = await withTestDatabase('busgap');
      const bus = new MongoBus({ db: gap.db, logger, wait, gapTimeoutMs: 200 });
      try {
        await bus.start();
        const got: unknown[] = [];
        const both = new Promise<void>((resolve) => bus.subscribe((e) => got.push(e.payload) === 2 && resolve()));
        await bus.publish({ topic: 'x', payload: 'before' });
        // A publisher that allocated a position and died before writing it.
        await gap.db.collection<{ _id: string; seq: number }>('counters').updateOne({ _id: 'events' }, { $inc: { seq: 1 } });
        await bus.publish({ topic: 'x', payload: 'after' });
        await both;
        expect(got).toEqual(['before', 'after']);
      } finally {
        await bus.stop();
        await gap.drop();
      }
    });
  }
});

for (const wait of ['client', 'server'] as const) {
  busContract(`MongoBus (wait: ${wait})`, async (options = {}) => {
    const store = await withTestDatabase(`buscontract_${wait}`);
    // Warnings are kept: a reader that fails and restarts (as server mode did on FerretDB at every batch) fails the test.
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(String(JSON.parse(line).msg)) });
    return {
      open: () => new MongoBus({ db: store.db, logger, wait, ...(options.maxEvents === undefined ? {} : { maxEvents: options.maxEvents, sizeBytes: 1024 * 1024 }) }),
      dispose: async () => {
        await store.drop();
        expect(warnings).toEqual([]);
      },
    };
  });
}
