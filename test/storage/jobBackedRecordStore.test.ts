import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { RestoreStore, type RestoreRequest } from '../../src/storage/index.ts';

const request = (tenantId: string): RestoreRequest => ({
  tenantId,
  backupId: 'b'.repeat(22),
  sourceOrgId: 'o'.repeat(22),
  targetOrgId: 'o'.repeat(22),
  mode: 'UPSERT',
  dryRun: false,
  objects: null,
  recordIds: null,
  ownerMappings: [],
  recordTypeMappings: [],
});

describe('JobBackedRecordStore (through RestoreStore)', () => {
  let database: TestDatabase;
  let store: RestoreStore;

  beforeEach(async () => {
    database = await withTestDatabase('jobbacked');
    store = new RestoreStore(database.db);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should hand out random ids that tell nothing of each other, and find nothing of another tenant', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, async () => (await store.create(request('t'))).id));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // No shared prefix beyond chance (ObjectIds of one process share 8 of their 12 bytes).
    expect(new Set(ids.map((id) => id.slice(0, 4))).size).toBeGreaterThan(15);
    expect(await store.get('t', ids[0]!)).toMatchObject({ id: ids[0], tenantId: 't' });
    expect(await store.get('u', ids[0]!)).toBeNull();
    await store.attachJob('u', ids[0]!, 'job-u');
    await store.remove('u', ids[0]!);
    expect(await store.get('t', ids[0]!)).toMatchObject({ jobId: null });
    expect(await store.get('t', 'not an id')).toBeNull();
  });

  it('should still read and write records stored under an ObjectId before random ids', async () => {
    const _id = new ObjectId();
    await database.db.collection('restores').insertOne({ _id, ...request('t'), jobId: 'j1', status: 'RUNNING', plan: null, counts: {}, error: null, createdAt: new Date(), startedAt: null, finishedAt: null });
    const hex = _id.toHexString();
    expect(await store.get('t', hex)).toMatchObject({ id: hex, status: 'RUNNING' });
    expect(await store.get('u', hex)).toBeNull();
    expect(await store.followJob('t', hex, 'j1', 'FAILED', { code: 'X', message: 'gave up' })).toBe(true);
    expect(await store.get('t', hex)).toMatchObject({ status: 'FAILED', error: { code: 'X' } });
  });

  it('should follow its job: gave up or parked FAILED, cancelled CANCELLED, requeued QUEUED, and leave an ended record alone', async () => {
    const { id } = await store.create(request('t'));
    await store.attachJob('t', id, 'j1');
    expect(await store.followJob('t', id, 'other-job', 'FAILED', null)).toBe(false);
    expect(await store.followJob('u', id, 'j1', 'FAILED', null)).toBe(false);
    expect(await store.markRunning('t', id)).toBe(true);
    expect(await store.followJob('t', id, 'j1', 'DEBUG', { code: 'E', message: 'm' })).toBe(true);
    expect(await store.get('t', id)).toMatchObject({ status: 'FAILED', error: { code: 'E', message: 'm' } });
    expect(await store.followJob('t', id, 'j1', 'REQUEUED', null)).toBe(true);
    expect(await store.get('t', id)).toMatchObject({ status: 'QUEUED', error: null, finishedAt: null });
    expect(await store.followJob('t', id, 'j1', 'CANCELLED', null)).toBe(true);
    expect(await store.get('t', id)).toMatchObject({ status: 'CANCELLED' });
    // A run starting as its job is cancelled does not turn the record back.
    expect(await store.markRunning('t', id)).toBe(false);
    await store.update('t', id, { status: 'SUCCEEDED' });
    expect(await store.followJob('t', id, 'j1', 'FAILED', null)).toBe(false);
    expect(await store.get('t', id)).toMatchObject({ status: 'SUCCEEDED' });
  });
});
