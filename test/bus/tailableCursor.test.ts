import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../src/db/databaseConnection.ts';
import { type TestDatabase, withTestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';

interface Item {
  _id: string;
  seq: number;
}

/**
 * The server side of the bus's `server` wait mode: a tailable `awaitData` cursor on a capped collection. On MongoDB
 * it is MongoDB's; on FerretDB it is longhaul's build (`scripts/ferretdb/awaitData.go`), which reads only the records
 * after the cursor's last one and waits for an insert, and says so in `buildInfo` (`LONGHAUL_BUS_WAIT=auto` relies on it).
 */
describe('tailable awaitData cursors on the database server', () => {
  let t: TestDatabase;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    t = await withTestDatabase('tailable');
    connection = await connectDatabase(t.uri, t.dbName);
  });
  afterAll(async () => {
    await connection?.close();
    await t?.drop();
  });

  const items = (from: number, count: number): Item[] => Array.from({ length: count }, (_, i) => ({ _id: `item-${from + i}`, seq: from + i }));

  it('should say the server waits for inserts (MongoDB, or FerretDB built with longhaul patch)', () => {
    expect(connection.tailWakeup).toBe(true);
  });

  it('should return what is inserted while it waits, once each and in insertion order, after thousands of older records', async () => {
    const events = await t.db.createCollection<Item>('events', { capped: true, size: 16 * 1024 * 1024, max: 10_000 });
    await events.insertMany(items(0, 2000));
    // As the bus reader does: an anchor (the newest record) and everything after the position read so far.
    const cursor = events.find({ $or: [{ seq: { $gt: 1999 } }, { _id: 'item-1999' }] }, { tailable: true, awaitData: true, maxAwaitTimeMS: 500, batchSize: 0 });
    try {
      expect((await cursor.tryNext())?._id).toBe('item-1999');
      const seen: number[] = [];
      // Published while the reader waits: single inserts and a batch larger than a getMore's batch (250).
      const writes = (async () => {
        for (let i = 0; i < 20; i++) await events.insertOne(items(2000 + i, 1)[0]!);
        await events.insertMany(items(2020, 600));
        for (let i = 0; i < 20; i++) await events.insertOne(items(2620 + i, 1)[0]!);
      })();
      // Each read waits on the server up to maxAwaitTimeMS: no pause between reads.
      const readOne = async () => {
        const next = await cursor.tryNext();
        if (next !== null) seen.push(next.seq);
        else expect(cursor.closed, 'the cursor stays open while it waits').toBe(false);
        return seen.length;
      };
      await eventually('640 events through the tailable cursor', readOne, (n) => n >= 640, { timeoutMs: 60_000, intervalMs: 0 });
      await writes;
      expect(seen).toEqual(Array.from({ length: 640 }, (_, i) => 2000 + i));
    } finally {
      await cursor.close();
    }
  });

  it('should keep waiting on FerretDB when nothing matched yet, and return the first match inserted', async (context) => {
    // MongoDB closes a tailable cursor whose query matched nothing; FerretDB 1.24 kept it open and failed its next getMore.
    if (!connection.ferretdb) context.skip();
    const events = await t.db.createCollection<Item>('quiet', { capped: true, size: 1024 * 1024, max: 1000 });
    await events.insertMany(items(0, 10));
    const cursor = events.find({ seq: { $gt: 9 } }, { tailable: true, awaitData: true, maxAwaitTimeMS: 500, batchSize: 0 });
    try {
      // A first getMore that waits and finds nothing (FerretDB 1.24 failed it).
      expect(await cursor.tryNext()).toBeNull();
      await events.insertOne(items(10, 1)[0]!);
      // Each read waits on the server up to maxAwaitTimeMS: no pause between reads.
      const next = await eventually('the first match through the waiting cursor', () => cursor.tryNext(), { timeoutMs: 30_000, intervalMs: 0 });
      expect(next._id).toBe('item-10');
    } finally {
      await cursor.close();
    }
  });
});
