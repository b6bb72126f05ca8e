import { ObjectId } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preloadFinishedJobs, readFinishedJobTemplate } from '../../bench/engine/preloadFinishedJobs.ts';
import { type TestDatabase, withTestDatabase } from '../support/database.ts';

describe('the engine bench preload', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await withTestDatabase('preload');
  });

  afterEach(async () => {
    await database.drop();
  });

  it('should copy a finished job into every collection holding its id, with the id rewritten so unique indexes hold', async () => {
    const id = new ObjectId();
    const hex = id.toHexString();
    const jobs = database.db.collection('agendaJobs');
    await jobs.createIndex({ tenantId: 1, idempotencyKey: 1 }, { unique: true });
    await jobs.insertOne({ _id: id, tenantId: 'bench', state: 'SUCCEEDED', idempotencyKey: `id:${hex}`, data: { jobId: id, note: 'kept' } });
    await database.db.collection('jobRecords').insertOne({ _id: hex as unknown as ObjectId, state: 'SUCCEEDED' });
    await database.db.collection('other').insertOne({ _id: new ObjectId(), unrelated: true });

    const template = await readFinishedJobTemplate(database.db, hex);
    await preloadFinishedJobs(database.db, template, 5, 2);

    expect([...template.documents.keys()].sort()).toEqual(['agendaJobs', 'jobRecords']);
    const copies = await jobs.find({ _id: { $ne: id } }).toArray();
    expect(copies).toHaveLength(5);
    for (const copy of copies) {
      const copyHex = (copy._id).toHexString();
      expect(copy).toMatchObject({ tenantId: 'bench', state: 'SUCCEEDED', idempotencyKey: `id:${copyHex}`, data: { note: 'kept' } });
      expect((copy.data as { jobId: ObjectId }).jobId.toHexString()).toBe(copyHex);
      expect(await database.db.collection('jobRecords').countDocuments({ _id: copyHex as unknown as ObjectId })).toBe(1);
    }
    expect(await database.db.collection('other').countDocuments()).toBe(1);
  });
});
