import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countStored, PRUNE_BENCH_RETENTION, storedBackupIds } from '../../bench/pruneBench.ts';
import { seedPruneHistory } from '../../bench/pruneHistory.ts';
import { BackupChangeStore, BackupFileStore, BackupPolicyStore, BackupStore } from '../../src/storage/index.ts';
import { pruneBackups } from '../../src/jobs/salesforce/index.ts';
import { expiredBackups, planRetention } from '../../src/jobs/salesforce/policy/retentionPlan.ts';
import { type TestDatabase, withTestDatabase } from '../support/database.ts';

describe('the prune bench history', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await withTestDatabase('prunebench');
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should seed daily backups through the stores that the prune removes exactly as its plan says, every document of them', async () => {
    const { db } = database;
    const now = new Date('2026-03-20T12:00:00Z');
    const history = await seedPruneHistory(db, { tenantId: 't1', backups: 12, records: 400, partRecords: 50, retention: PRUNE_BENCH_RETENTION, now });
    expect(history.backups).toHaveLength(12);
    // 400 records: Account 80 (2 parts), Contact 120 (3), Opportunity 80 (2), Case 60 (2), Invoice__c 60 (2), + 5 describes.
    expect(history.backups.map((b) => b.files)).toEqual(new Array(12).fill(16));
    // From the second backup on, one chunk per object and kind that has any change: 1% created and 5% updated in
    // every object, 0.5% deleted only in Contact (0.6, rounded to 1; the others round to 0).
    expect(history.backups.map((b) => b.changeChunks)).toEqual([0, ...new Array(11).fill(11)]);
    const ids = await storedBackupIds(db, history.backups.map((b) => b.id));
    expect(await countStored(db, ids)).toEqual({ backups: 12, files: 192, gridFsChunks: 192, changeChunks: 121 });

    const backups = new BackupStore(db);
    const doomed = expiredBackups(planRetention(await backups.listAllByOrg('t1', history.orgId), { ...PRUNE_BENCH_RETENTION, timezone: 'UTC' }, now), now);
    // Daily 7 keeps the last 7 days; weekly 4 and monthly 3 keep the newest of older weeks and months.
    expect(doomed.length).toBeGreaterThan(0);
    const result = await pruneBackups({ policies: new BackupPolicyStore(db), backups, files: new BackupFileStore(db), changes: new BackupChangeStore(db), tenantId: 't1', orgId: history.orgId, now });

    const pruned = history.backups.filter((b) => doomed.includes(b.id));
    expect(result).toEqual({
      orgId: history.orgId,
      backupsRemoved: doomed.length,
      filesRemoved: pruned.reduce((n, b) => n + b.files, 0),
      changesRemoved: pruned.reduce((n, b) => n + b.changeChunks, 0),
      backupsKept: 12 - doomed.length,
    });
    // Every document the pruned backups had before, by `_id`: none is left.
    const ofPruned = (all: string[]): string[] => all.filter((id) => doomed.some((d) => id.startsWith(`${d}/`)));
    const prunedIds = { backups: doomed, files: ofPruned(ids.files), gridFsChunks: ofPruned(ids.gridFsChunks), changeChunks: ofPruned(ids.changeChunks) };
    expect(prunedIds.gridFsChunks).toHaveLength(doomed.length * 16);
    expect(await countStored(db, prunedIds)).toEqual({ backups: 0, files: 0, gridFsChunks: 0, changeChunks: 0 });
    const kept = history.backups.filter((b) => !doomed.includes(b.id));
    expect(await countStored(db, await storedBackupIds(db, kept.map((b) => b.id)))).toEqual({ backups: kept.length, files: kept.length * 16, gridFsChunks: kept.length * 16, changeChunks: kept.reduce((n, b) => n + b.changeChunks, 0) });
  });
});
