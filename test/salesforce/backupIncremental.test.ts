import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupHarness, sandboxRecords, type BackupView } from '../support/backupHarness.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import type { OrgHandle, Sandbox } from '../../src/sandbox/index.ts';
import { readBackupSnapshot } from '../../src/storage/index.ts';

const ENV = { LONGHAUL_BACKUP_BULK_THRESHOLD: '1000', LONGHAUL_BACKUP_BULK_PAGE_SIZE: '700', LONGHAUL_BACKUP_BULK_POLL_MS: '50' };

/** Epoch ms of a REST datetime (`...000+0000`) or an ISO one. */
const epoch = (text: unknown): number => Date.parse(String(text).replace(/\+0000$/, 'Z'));

describe('incremental salesforce.backup and snapshots', () => {
  let sandbox: Sandbox;
  let h: BackupHarness;
  let org: OrgHandle;
  let orgId: string;

  beforeAll(async () => {
    h = await BackupHarness.start({ name: 'sfincremental', worker: ENV });
    sandbox = h.sandbox;
    org = addTestOrg(sandbox, { size: { Account: 1500, Contact: 600, Case: 300 }, seed: 31 });
    orgId = await h.connect(org);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const snapshot = async (backupId: string, object: string): Promise<Record<string, unknown>[]> => {
    const records: Record<string, unknown>[] = [];
    for await (const record of readBackupSnapshot({ backups: h.backups, files: h.files }, 'tenantA', backupId, object)) records.push(record);
    return records;
  };

  /** The records an incremental object must hold: every record (deleted ones too) stamped at or after `changesSince`. */
  const changedSince = (object: string, since: string): Record<string, unknown>[] =>
    sandboxRecords(org, object, { includeDeleted: true }).filter((r) => epoch(r.SystemModstamp) >= epoch(since));

  const run = async (mode: 'FULL' | 'INCREMENTAL', objects: string[]): Promise<BackupView> => {
    const backup = await h.waitForBackup(orgId, await h.startBackup(orgId, { mode, objects }));
    expect(backup.job.state).toBe('SUCCEEDED');
    expect(backup.status).toBe('SUCCEEDED');
    return backup;
  };

  it('should store only changes and deletions since the last backup, and rebuild every snapshot of the chain', async () => {
    const full = await run('FULL', ['Account', 'Contact']);
    expect(full.objects.map((o) => [o.name, o.mode, o.method])).toEqual([
      ['Account', 'FULL', 'BULK'],
      ['Contact', 'FULL', 'REST'],
    ]);
    const atFull = { Account: sandboxRecords(org, 'Account'), Contact: sandboxRecords(org, 'Contact') };
    await h.expectObjectsEqual(full.id, full.objects, (name) => atFull[name as keyof typeof atFull]);

    // Round 1: many Account changes (Bulk queryAll), a few Contact changes (REST queryAll).
    const accounts1 = org.mutate({ object: 'Account', update: 900, delete: 150, insert: 120 });
    const contacts1 = org.mutate({ object: 'Contact', update: 40, delete: 25, insert: 10 });
    expect(contacts1.errors).toEqual([]);
    expect(accounts1.errors).toEqual([]);
    const inc1 = await run('INCREMENTAL', ['Account', 'Contact', 'Case']);
    expect(inc1.objects.map((o) => [o.name, o.mode, o.method, o.baseBackupId])).toEqual([
      ['Account', 'INCREMENTAL', 'BULK', full.id],
      ['Contact', 'INCREMENTAL', 'REST', full.id],
      ['Case', 'FULL', 'REST', null],
    ]);
    for (const object of inc1.objects.filter((o) => o.mode === 'INCREMENTAL')) {
      const want = changedSince(object.name, object.changesSince!);
      const { records } = await h.stored(inc1.id, object);
      expect(records, object.name).toEqual(want);
      expect(object.records, object.name).toBe(want.length);
      expect(object.deletedRecords, object.name).toBe(want.filter((r) => r.IsDeleted === true).length);
    }
    expect(inc1.objects[0]!.deletedRecords).toBe(150);
    expect(inc1.objects[1]!.deletedRecords).toBe(25);
    // Only changes were read: far fewer than the object holds.
    expect(inc1.objects[1]!.records).toBeLessThan(200);
    const atInc1 = { Account: sandboxRecords(org, 'Account'), Contact: sandboxRecords(org, 'Contact'), Case: sandboxRecords(org, 'Case') };
    expect(atInc1.Account.length).toBe(1500 - 150 + 120);

    // Round 2: changes again, a record deleted that round 1 inserted, a record updated twice.
    const twice = accounts1.updated.find((id) => !accounts1.deleted.includes(id))!;
    const accounts2 = org.mutate({ object: 'Account', update: 30, deletes: [accounts1.inserted[0]!], updates: [{ Id: twice, Name: 'Renamed twice' }] });
    expect(accounts2.errors).toEqual([]);
    org.mutate({ object: 'Contact', delete: 5, insert: 3 });
    const inc2 = await run('INCREMENTAL', ['Account', 'Contact']);
    expect(inc2.objects.map((o) => [o.name, o.mode, o.baseBackupId])).toEqual([
      ['Account', 'INCREMENTAL', inc1.id],
      ['Contact', 'INCREMENTAL', inc1.id],
    ]);

    // Snapshots: each backup of the chain reads back as the org was when it ran.
    for (const name of ['Account', 'Contact'] as const) {
      expect(await snapshot(full.id, name), `${name} at full`).toEqual(atFull[name]);
      expect(await snapshot(inc1.id, name), `${name} at inc1`).toEqual(atInc1[name]);
      expect(await snapshot(inc2.id, name), `${name} at inc2`).toEqual(sandboxRecords(org, name));
    }
    expect(await snapshot(inc1.id, 'Case')).toEqual(atInc1.Case);
    const renamed = (await snapshot(inc2.id, 'Account')).find((r) => r.Id === twice);
    expect(renamed?.Name).toBe('Renamed twice');
    await expect(snapshot(inc2.id, 'Case')).rejects.toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE' });
  });
});
