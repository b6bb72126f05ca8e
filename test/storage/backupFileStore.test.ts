import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { BackupFileStore } from '../../src/storage/backupFileStore.ts';

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

describe('BackupFileStore records', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await withTestDatabase('backupfiles');
    db = database.db;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should read back every record of every part in order, in batches, whatever the characters and sizes', async () => {
    const files = new BackupFileStore(db);
    // Multi-byte text lands on the boundaries of inflated pieces; one record is longer than a piece (64 KiB).
    const parts = [
      Array.from({ length: 3000 }, (_, i) => ({ Id: `a${String(i).padStart(5, '0')}`, Name: `Näme ${i} 日本語 🎉`.repeat(1 + (i % 7)), Amount: i / 3, Flag: i % 2 === 0, Empty: null })),
      [{ Id: 'b00000', Description: 'ü€𝄞'.repeat(40_000), Lines: 'one\ntwo\r\nthree' }],
      Array.from({ length: 500 }, (_, i) => ({ Id: `c${String(i).padStart(5, '0')}`, Nested: { list: [i, 'x'], quote: '"' } })),
    ];
    for (const [part, records] of parts.entries()) await files.writePart('tenantA', 'bk1', 'Account', part, records);
    const batches = await collect(files.readRecordBatches('tenantA', 'bk1', 'Account', parts.length));
    expect(batches.flat()).toEqual(parts.flat());
    // Batches, not one record at a time: far fewer batches than records.
    expect(batches.length).toBeLessThan(parts.flat().length / 20);
    expect(await collect(files.readRecords('tenantA', 'bk1', 'Account', parts.length))).toEqual(parts.flat());
  });

  it("should fail, not hang, on a missing part, and not read another tenant's part", async () => {
    const files = new BackupFileStore(db);
    await files.writePart('tenantA', 'bk2', 'Contact', 0, [{ Id: 'x1' }]);
    await expect(collect(files.readRecordBatches('tenantA', 'bk2', 'Contact', 2))).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' });
    await expect(collect(files.readRecordBatches('tenantB', 'bk2', 'Contact', 1))).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' });
  });
});
