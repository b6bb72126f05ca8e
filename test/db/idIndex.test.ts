import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, withTestDatabase } from '../support/database.ts';

/** Enough documents that a scan and an index lookup are different plans on any server. */
const DOCUMENTS = 3000;

interface Item {
  _id: string;
  n: number;
  tenantId: string;
}

/**
 * How the server answers a `find` according to its `explain`: `index` or `scan`, with the plan's text.
 * FerretDB's SQLite backend returns SQLite's `EXPLAIN QUERY PLAN` rows in `queryPlanner.Plan`
 * (`SEARCH <table> USING INDEX <table>__id_ (<expr>=?)` or `SCAN <table>`); MongoDB returns stages
 * (`IDHACK`, `EXPRESS_IXSCAN`, `IXSCAN` or `COLLSCAN`).
 */
function accessPath(explained: Document): { access: 'index' | 'scan'; plan: string } {
  const planner = explained.queryPlanner as Document | undefined;
  if (Array.isArray(planner?.Plan)) {
    const plan = (planner.Plan as string[]).join('; ');
    return { access: /SEARCH \S+ USING (COVERING )?INDEX \S+__id_/.test(plan) && !/\bSCAN\b/.test(plan) ? 'index' : 'scan', plan };
  }
  const plan = JSON.stringify(planner?.winningPlan ?? explained);
  return { access: /IDHACK|IXSCAN/.test(plan) && !/COLLSCAN/.test(plan) ? 'index' : 'scan', plan };
}

describe('lookups by _id on the database server', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await withTestDatabase('id_index');
    await t.db
      .collection<Item>('items')
      .insertMany(Array.from({ length: DOCUMENTS }, (_, n) => ({ _id: `item-${n}`, n, tenantId: n % 2 === 0 ? 'tenant-a' : 'tenant-b' })));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const explainFind = async (filter: Document) => accessPath(await t.db.command({ explain: { find: 'items', filter }, verbosity: 'queryPlanner' }));

  it('should use the _id index for an _id equality', async () => {
    expect(await explainFind({ _id: 'item-2024' })).toMatchObject({ access: 'index' });
  });

  it('should use the _id index for an _id equality next to other conditions (a fenced write)', async () => {
    expect(await explainFind({ _id: 'item-2024', n: 2024, tenantId: 'tenant-a' })).toMatchObject({ access: 'index' });
  });

  it('should use the _id index for an _id $in list (a batch read by id)', async () => {
    expect(await explainFind({ _id: { $in: ['item-1', 'item-2', 'item-3'] }, tenantId: 'tenant-b' })).toMatchObject({ access: 'index' });
  });

  it('should still scan when the filter pins no _id', async () => {
    expect(await explainFind({ n: 2024 })).toMatchObject({ access: 'scan' });
  });

  it('should return, update and delete exactly the documents the whole filter matches', async () => {
    const items = t.db.collection<Item>('items');

    expect(await items.findOne({ _id: 'item-7' })).toEqual({ _id: 'item-7', n: 7, tenantId: 'tenant-b' });
    expect(await items.findOne({ _id: 'item-7', tenantId: 'tenant-a' })).toBeNull();
    expect(await items.find({ _id: { $in: ['item-1', 'item-2', 'item-3', 'missing'] }, tenantId: 'tenant-b' }).sort({ n: 1 }).toArray()).toEqual([
      { _id: 'item-1', n: 1, tenantId: 'tenant-b' },
      { _id: 'item-3', n: 3, tenantId: 'tenant-b' },
    ]);
    // A mixed list is not pushed down (only strings and ObjectIds are); it still matches by value.
    expect(await t.db.collection<{ _id: string | number }>('items').countDocuments({ _id: { $in: ['item-4', 'item-5', 2] } })).toBe(2);

    expect(await items.updateOne({ _id: 'item-10', n: 11 }, { $set: { n: -1 } })).toMatchObject({ matchedCount: 0 });
    expect(await items.findOneAndUpdate({ _id: 'item-10', n: 10 }, { $inc: { n: 1000 } }, { returnDocument: 'after' })).toEqual({
      _id: 'item-10',
      n: 1010,
      tenantId: 'tenant-a',
    });
    expect(await items.updateMany({ _id: { $in: ['item-20', 'item-21'] } }, { $set: { tenantId: 'tenant-c' } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await items.deleteMany({ _id: { $in: ['item-30', 'item-31', 'item-32'] }, n: { $lt: 32 } })).toMatchObject({ deletedCount: 2 });
    expect(await items.deleteOne({ _id: 'item-40' })).toMatchObject({ deletedCount: 1 });

    expect(await items.find({ tenantId: 'tenant-c' }, { projection: { _id: 1 } }).sort({ n: 1 }).toArray()).toEqual([{ _id: 'item-20' }, { _id: 'item-21' }]);
    expect(await items.find({ _id: { $in: ['item-30', 'item-31', 'item-32', 'item-40'] } }, { projection: { _id: 1 } }).toArray()).toEqual([{ _id: 'item-32' }]);
    expect(await items.countDocuments({})).toBe(DOCUMENTS - 3);
  });
});
