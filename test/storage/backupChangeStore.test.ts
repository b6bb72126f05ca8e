import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, withTestDatabase } from '../support/database.ts';
import { BackupChangeStore, ChangeKind } from '../../src/storage/index.ts';

describe('BackupChangeStore.removeBackup', () => {
  let database: TestDatabase;
  let store: BackupChangeStore;

  beforeEach(async () => {
    database = await withTestDatabase('changes');
    store = new BackupChangeStore(database.db);
  });
  afterEach(async () => {
    await database.drop();
  });

  const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `001${String(i).padStart(15, '0')}`);
  const stored = (backupId: string): Promise<number> => database.db.collection('backupChanges').countDocuments({ backupId });

  it("should remove a backup's counted chunks in batches, the chunks a stopped run left past a count or without one, and nothing of another backup or tenant", async () => {
    // Account finished: 3 CREATED chunks and 1 DELETED counted, plus 2 CREATED chunks a stopped run wrote past the count.
    for (let chunk = 0; chunk < 5; chunk++) await store.write('t1', 'b1', 'Account', ChangeKind.Created, chunk, ids(10));
    await store.write('t1', 'b1', 'Account', ChangeKind.Deleted, 0, ids(3));
    // Contact never finished: 2 UPDATED chunks and no count.
    for (let chunk = 0; chunk < 2; chunk++) await store.write('t1', 'b1', 'Contact', ChangeKind.Updated, chunk, ids(5));
    // Another backup: kept.
    await store.write('t1', 'b2', 'Account', ChangeKind.Created, 0, ids(4));
    expect(await stored('b1')).toBe(8);
    const objects = [
      { name: 'Account', changes: { chunks: { CREATED: 3, UPDATED: 0, DELETED: 1 } } },
      { name: 'Contact', changes: null },
    ];
    // Another tenant removes nothing.
    expect(await store.removeBackup('t2', 'b1', objects, { size: 2, between: async () => undefined })).toBe(0);
    expect(await stored('b1')).toBe(8);

    const deletes: number[] = [];
    const removed = await store.removeBackup('t1', 'b1', objects, { size: 2, between: async (n) => void deletes.push(n) });

    expect(removed).toBe(8);
    // Counted: 4 chunks, 2 a delete; then the 6 chunks just past each count, 2 a delete (Account CREATED 3 and
    // Contact UPDATED 0 found), and the rest of those two runs one by one (Account CREATED 4, Contact UPDATED 1).
    expect(deletes).toEqual([2, 2, 1, 0, 1]);
    expect(await stored('b1')).toBe(0);
    expect(await stored('b2')).toBe(1);
    // Idempotent: a second prune finds nothing.
    expect(await store.removeBackup('t1', 'b1', objects, { size: 2, between: async () => undefined })).toBe(0);
  });
});
