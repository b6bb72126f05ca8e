import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { MongoBus } from '../../src/bus/mongoBus.ts';
import { ReorderBuffer } from '../../src/bus/reorderBuffer.ts';
import type { BusEvent } from '../../src/bus/busEvent.ts';
import { decodePosition, encodePosition } from '../../src/bus/busPosition.ts';

const event = (seq: number): BusEvent => ({ seq, topic: 't', at: new Date(), payload: seq });

describe('ReorderBuffer', () => {
  it('should deliver events inserted out of order in position order', () => {
    const got: number[] = [];
    const buffer = new ReorderBuffer({ lastDelivered: 10, deliver: (e) => got.push(e.seq) });
    for (const seq of [12, 11, 14, 13, 13, 9, 15]) buffer.push(event(seq));
    buffer.close();
    expect(got).toEqual([11, 12, 13, 14, 15]);
  });

  it('should skip a position that never arrives after the gap timeout', async () => {
    const got: number[] = [];
    const buffer = new ReorderBuffer({ lastDelivered: 0, gapTimeoutMs: 50, deliver: (e) => got.push(e.seq) });
    buffer.push(event(2));
    buffer.push(event(3));
    expect(got).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
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

  it('should fan every event out in position order to all listeners through one reader per process, across two processes', async () => {
    const writer = new MongoBus({ db: t.db, logger, wait: 'client' });
    const reader = new MongoBus({ db: t.db, logger, wait: 'client' });
    await writer.ensureCollection();
    await reader.start();
    const a: number[] = [];
    const b: number[] = [];
    reader.subscribe((e) => a.push(e.payload as number));
    reader.subscribe((e) => b.push(e.payload as number));
    const published = await Promise.all(Array.from({ length: 30 }, (_, i) => writer.publish({ topic: 'x', payload: i })));
    expect(new Set(published.flat().map((e) => e.seq)).size).toBe(30);
    const bySeq = published.flat().sort((x, y) => x.seq - y.seq).map((e) => e.payload);
    for (let i = 0; i < 100 && a.length < 30; i++) await new Promise((r) => setTimeout(r, 20));
    await reader.stop();
    expect(a).toEqual(bySeq);
    expect(b).toEqual(bySeq);
    const replay = await reader.replay({ afterSeq: Math.min(...published.flat().map((e) => e.seq)) - 1 });
    expect(replay.complete).toBe(true);
    expect(replay.events.map((e) => e.payload).filter((p) => typeof p === 'number')).toEqual(bySeq);
  });

  it('should skip a position whose publisher died between allocating and writing it', async () => {
    const gap = await withTestDatabase('busgap');
    try {
      const bus = new MongoBus({ db: gap.db, logger, wait: 'client', gapTimeoutMs: 200 });
      await bus.start();
      const got: unknown[] = [];
      bus.subscribe((e) => got.push(e.payload));
      await bus.publish({ topic: 'x', payload: 'before' });
      // A publisher that allocated a position and died before writing it.
      await gap.db.collection<{ _id: string; seq: number }>('counters').updateOne({ _id: 'events' }, { $inc: { seq: 1 } });
      await bus.publish({ topic: 'x', payload: 'after' });
      for (let i = 0; i < 100 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      await bus.stop();
      expect(got).toEqual(['before', 'after']);
    } finally {
      await gap.drop();
    }
  });

  it('should report an incomplete replay once the capped collection dropped the events asked for', async () => {
    const small = await withTestDatabase('buscap');
    try {
      const bus = new MongoBus({ db: small.db, logger, wait: 'client', maxEvents: 100, sizeBytes: 1024 * 1024 });
      await bus.ensureCollection();
      for (let i = 0; i < 5; i++) await bus.publish(Array.from({ length: 50 }, (_, j) => ({ topic: 'x', payload: i * 50 + j })));
      // FerretDB trims capped collections on an interval (10 s here); MongoDB at once.
      let replay = await bus.replay({ afterSeq: 0 });
      for (let i = 0; i < 150 && replay.complete; i++) {
        await new Promise((r) => setTimeout(r, 200));
        replay = await bus.replay({ afterSeq: 0 });
      }
      expect(replay.complete).toBe(false);
      expect((await bus.replay({ afterSeq: 240 })).complete).toBe(true);
    } finally {
      await small.drop();
    }
  });
});
