import { describe, expect, it } from 'vitest';
import { readBackupSnapshot, readBackupSnapshotBatches, snapshotChain, type BackupObjectEntry, type BackupSnapshotDependencies, type BackupView } from '../../src/storage/index.ts';

type Row = Record<string, unknown>;

/** Backups and their stored records in memory: the two reads a snapshot makes, nothing else. */
class InMemoryBackups implements BackupSnapshotDependencies {
  private readonly views = new Map<string, BackupView>();
  private readonly rows = new Map<string, Row[]>();
  readonly opened: string[] = [];

  add(id: string, object: string, entry: Partial<BackupObjectEntry>, rows: Row[], tenantId = 't'): this {
    const full: BackupObjectEntry = { name: object, status: 'SUCCEEDED', estimatedRecords: rows.length, records: rows.length, bytes: 0, parts: 1, sha256: null, error: null, startedAt: null, finishedAt: null, ...entry };
    const view = this.views.get(id) ?? { id, tenantId, orgId: 'o', jobId: null, mode: 'FULL', status: 'SUCCEEDED', requestedObjects: null, objects: [], createdAt: new Date(), startedAt: null, finishedAt: null };
    view.objects.push(full);
    this.views.set(id, view);
    this.rows.set(`${id}/${object}`, rows);
    return this;
  }

  readonly backups = { get: async (tenantId: string, id: string) => (this.views.get(id)?.tenantId === tenantId ? this.views.get(id)! : null) };

  /** `batchSize`: records per stored batch, as `BackupFileStore.readRecordBatches` hands them over. */
  constructor(private readonly batchSize = 2) {}

  readonly files = {
    readRecordBatches: (_tenantId: string, backupId: string, object: string): AsyncGenerator<Row[]> => {
      this.opened.push(backupId);
      const rows = this.rows.get(`${backupId}/${object}`) ?? [];
      const size = this.batchSize;
      return (async function* () {
        for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
      })();
    },
  };
}

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const row of iterable) out.push(row);
  return out;
};

describe('readBackupSnapshot', () => {
  const store = (batchSize?: number) =>
    new InMemoryBackups(batchSize)
      .add('full', 'Account', { mode: 'FULL' }, [
        { Id: 'a1', Name: 'one', IsDeleted: false },
        { Id: 'a2', Name: 'two', IsDeleted: false },
        { Id: 'a4', Name: 'four', IsDeleted: false },
      ])
      .add('inc1', 'Account', { mode: 'INCREMENTAL', baseBackupId: 'full' }, [
        { Id: 'a2', Name: 'two v2', IsDeleted: false },
        { Id: 'a3', Name: 'three', IsDeleted: false },
        { Id: 'a4', Name: 'four', IsDeleted: true },
      ])
      .add('inc2', 'Account', { mode: 'INCREMENTAL', baseBackupId: 'inc1' }, [
        { Id: 'a2', Name: 'two v3', IsDeleted: false },
        { Id: 'a3', Name: 'three', IsDeleted: true },
        { Id: 'a5', Name: 'five', IsDeleted: false },
      ]);

  it('should merge the chain by Id, the latest version winning and deleted records left out', async () => {
    const s = store();
    expect(await collect(readBackupSnapshot(s, 't', 'full', 'Account'))).toEqual([
      { Id: 'a1', Name: 'one', IsDeleted: false },
      { Id: 'a2', Name: 'two', IsDeleted: false },
      { Id: 'a4', Name: 'four', IsDeleted: false },
    ]);
    expect((await collect(readBackupSnapshot(s, 't', 'inc1', 'Account'))).map((r) => [r.Id, r.Name])).toEqual([
      ['a1', 'one'],
      ['a2', 'two v2'],
      ['a3', 'three'],
    ]);
    expect((await collect(readBackupSnapshot(s, 't', 'inc2', 'Account'))).map((r) => [r.Id, r.Name])).toEqual([
      ['a1', 'one'],
      ['a2', 'two v3'],
      ['a5', 'five'],
    ]);
    expect((await snapshotChain(s, 't', 'inc2', 'Account')).map((l) => l.backupId)).toEqual(['full', 'inc1', 'inc2']);
  });

  it('should give the same snapshot, in Id-ordered batches, whatever the size of the stored batches', async () => {
    for (const size of [1, 2, 3, 100]) {
      const s = store(size);
      const batches = await collect(readBackupSnapshotBatches(s, 't', 'inc2', 'Account'));
      expect(batches.flat().map((r) => [r.Id, r.Name])).toEqual([
        ['a1', 'one'],
        ['a2', 'two v3'],
        ['a5', 'five'],
      ]);
      expect(batches.every((b) => b.length > 0)).toBe(true);
      // Out of Id order across a stored batch's boundary is refused too.
      const unordered = new InMemoryBackups(size).add('u', 'Account', { mode: 'FULL' }, [{ Id: 'b1' }, { Id: 'b3' }, { Id: 'b2' }]);
      await expect(collect(readBackupSnapshotBatches(unordered, 't', 'u', 'Account'))).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
    }
  });

  it('should refuse unknown backups, failed objects, broken chains and parts out of Id order', async () => {
    const s = store()
      .add('failed', 'Account', { status: 'FAILED' }, [])
      .add('orphan', 'Account', { mode: 'INCREMENTAL', baseBackupId: 'gone' }, [])
      .add('unordered', 'Account', { mode: 'FULL' }, [{ Id: 'b2' }, { Id: 'b1' }])
      .add('foreign', 'Account', { mode: 'FULL' }, [{ Id: 'c1' }], 'other')
      .add('onForeign', 'Account', { mode: 'INCREMENTAL', baseBackupId: 'foreign' }, []);
    await expect(collect(readBackupSnapshot(s, 't', 'nope', 'Account'))).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' });
    await expect(collect(readBackupSnapshot(s, 't', 'failed', 'Account'))).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
    await expect(collect(readBackupSnapshot(s, 't', 'full', 'Contact'))).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
    await expect(collect(readBackupSnapshot(s, 't', 'orphan', 'Account'))).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
    await expect(collect(readBackupSnapshot(s, 't', 'unordered', 'Account'))).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
    // Another tenant's backup does not exist for the caller, nor as a link of the caller's chain.
    await expect(collect(readBackupSnapshot(s, 't', 'foreign', 'Account'))).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' });
    await expect(collect(readBackupSnapshot(s, 't', 'onForeign', 'Account'))).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
    expect(s.opened).not.toContain('foreign');
  });
});
