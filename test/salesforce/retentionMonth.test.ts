import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupHarness, sandboxRecords } from '../support/backupHarness.ts';
import { eventually } from '../support/eventually.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { countJobDocuments } from '../support/jobDocuments.ts';
import { sandboxAdmin } from '../support/sandboxConnection.ts';
import type { OrgHandle } from '../../src/sandbox/index.ts';
import { BACKUP_PRUNE_JOB_TYPE, pruneBackups } from '../../src/jobs/salesforce/index.ts';
import { BackupChangeStore, BackupPolicyStore, readBackupSnapshot } from '../../src/storage/index.ts';

const OBJECTS = ['Account', 'Contact'];
type Data = Record<string, Record<string, unknown>[]>;

/**
 * Retention end to end: a month of real daily backups of a sandbox org (FULL on Sundays, INCREMENTAL on the day
 * before otherwise), dated March 2026 by the injected clock (their times are rewritten once they ran: the server
 * processes keep the real clock), pruned as of 2026-03-31 12:00 UTC by the real prune with the real stores.
 */
describe('retention of a month of daily backups (real backups, injected clock)', () => {
  let h: BackupHarness;
  let org: OrgHandle;
  let orgId: string;
  /** The backups, oldest first: day of March, id, and the sandbox's data once it ran. */
  const month: { day: number; id: string; data: Data }[] = [];
  const dayOf = (day: number) => `2026-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;

  beforeAll(async () => {
    h = await BackupHarness.start({ name: 'sfmonth' });
    org = h.addOrg({ size: { Account: 60, Contact: 40 }, seed: 31 });
    orgId = await h.connect(org);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const snapshot = async (backupId: string, object: string): Promise<Record<string, unknown>[]> => {
    const records: Record<string, unknown>[] = [];
    for await (const record of readBackupSnapshot({ backups: h.backups, files: h.files }, h.tenantId, backupId, object)) records.push(record);
    return records;
  };
  const filesOf = async (ids: string[]) => (await h.db.collection('backupFiles.files').find({ 'metadata.backupId': { $in: ids } }).toArray()) as unknown as { _id: unknown; metadata: { backupId: string } }[];

  it('should prune a month of daily incrementals and weekly fulls to exactly the GFS set, keep every kept snapshot as the sandbox was, and delete the pruned files', { timeout: 900_000 }, async () => {
    // No policy while the month is written: the prunes that follow each backup leave an org without one alone.
    for (let day = 1; day <= 31; day++) {
      const mode = (day - 1) % 7 === 0 ? 'FULL' : 'INCREMENTAL';
      const { startBackup } = await gqlData(h.api.url, h.key, 'mutation($orgId: ID!, $objects: [String!], $mode: BackupMode) { startBackup(orgId: $orgId, objects: $objects, mode: $mode) { id } }', { orgId, objects: OBJECTS, mode });
      const backup = await h.waitForBackup(orgId, startBackup.id);
      expect(backup.job.state, `day ${day}`).toBe('SUCCEEDED');
      // Each INCREMENTAL builds on the day before (the chain the plan must not break).
      expect(backup.objects.map((o) => o.baseBackupId), `day ${day}`).toEqual(OBJECTS.map(() => (mode === 'FULL' ? null : month.at(-1)!.id)));
      month.push({ day, id: backup.id, data: Object.fromEntries(OBJECTS.map((o) => [o, sandboxRecords(org, o)])) });
      for (const object of OBJECTS) expect((await sandboxAdmin(h.sandbox, 'POST', `/orgs/${org.username}/mutate`, { object, update: 3, delete: 1, insert: 2 })).status).toBe(200);
    }
    // The injected clock: each backup ran on its day of March at 02:00 UTC, for ten minutes.
    for (const { day, id } of month) {
      const at = new Date(dayOf(day));
      await h.db.collection('backups').updateOne({ _id: id as never }, { $set: { createdAt: at, startedAt: at, finishedAt: new Date(at.getTime() + 600_000) } });
    }
    await eventually('the prunes that followed the backups to end', () => countJobDocuments(h.db, { name: BACKUP_PRUNE_JOB_TYPE, state: { $in: ['QUEUED', 'RUNNING', 'RETRYING'] } }), (n) => n === 0);
    await gqlData(h.api.url, h.key, 'mutation($orgId: ID!, $policy: BackupPolicyInput!) { setBackupPolicy(orgId: $orgId, policy: $policy) { orgId } }', {
      orgId,
      policy: { objects: OBJECTS, at: '03:30', timezone: 'UTC', retention: { daily: 7, weekly: 4, monthly: 3 } },
    });
    const allIds = month.map((b) => b.id);
    const filesBefore = await filesOf(allIds);

    const result = await pruneBackups({
      policies: new BackupPolicyStore(h.db),
      backups: h.backups,
      files: h.files,
      changes: new BackupChangeStore(h.db),
      tenantId: h.tenantId,
      orgId,
      now: new Date('2026-03-31T12:00:00Z'),
    });

    // The grandfather-father-son set, written from the rules by hand: the 7 newest days (25-31), the newest backup
    // of the 4 newest ISO weeks (31, 29, 22, 15), the newest month (31); chains 31 → 30 → 29 (FULL) and
    // 28 → … → 22 (FULL); 15 is FULL. March 1-14 and 16-21 go.
    const keptDays = [15, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
    const kept = month.filter((b) => keptDays.includes(b.day));
    const pruned = month.filter((b) => !keptDays.includes(b.day));
    expect(result).toMatchObject({ orgId, backupsRemoved: 20, backupsKept: 11 });
    const left = await h.db.collection('backups').find({ orgId }, { projection: { _id: 1 } }).toArray();
    expect(left.map((d) => String(d._id)).sort()).toEqual(kept.map((b) => b.id).sort());
    // The pruned backups' files and chunks are gone; the kept ones' are all there.
    expect(await filesOf(pruned.map((b) => b.id))).toEqual([]);
    const prunedFileIds = filesBefore.filter((f) => !kept.some((b) => b.id === f.metadata.backupId)).map((f) => String(f._id));
    expect(await h.db.collection('backupFiles.chunks').countDocuments({ files_id: { $in: prunedFileIds } })).toBe(0);
    expect((await filesOf(kept.map((b) => b.id))).length).toBe(filesBefore.length - prunedFileIds.length);
    // Every kept backup still reads as the sandbox was when it ran.
    for (const backup of kept) {
      for (const object of OBJECTS) expect(await snapshot(backup.id, object), `${object} on March ${backup.day}`).toEqual(backup.data[object]);
    }
  });
});
