import { execSync } from 'node:child_process';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { BackupHarness, sandboxRecords, type BackupView } from '../support/backupHarness.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhookReceiver.ts';
import type { OrgHandle } from '../../src/sandbox/index.ts';

/** Account goes through Bulk 2.0 in several parts while it is large, REST once it is small. */
const WORKER_ENV = { LONGHAUL_BACKUP_BULK_THRESHOLD: '1000', LONGHAUL_BACKUP_BULK_PAGE_SIZE: '700', LONGHAUL_BACKUP_BULK_POLL_MS: '50' };
const CHANGES = 'query($id: ID!) { backup(id: $id) { id status changes { object previousBackupId previousRecords created updated deleted } } }';
const PAGE = 'query($b: ID!, $o: String!, $k: ChangeKind!, $first: Int, $after: String) { backupChanges(backupId: $b, object: $o, kind: $k, first: $first, after: $after) { ids totalCount pageInfo { hasNextPage endCursor } } }';

type Kind = 'CREATED' | 'UPDATED' | 'DELETED';

describe('data changes between backups and their alerts', () => {
  let h: BackupHarness;
  let receiver: WebhookReceiver;
  let org: OrgHandle;
  let orgId: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await BackupHarness.start({ name: 'sfchanges', worker: WORKER_ENV, apiEnv: { LONGHAUL_ALERT_WEBHOOKS: `json:${receiver.baseUrl}/changes`, LONGHAUL_ALERT_DELIVERY_BACKOFF_MS: '200' } });
    org = h.addOrg({ size: { Account: 1500, Contact: 120 }, seed: 47 });
    orgId = await h.connect(org);
  });
  afterAll(async () => {
    await h?.dispose();
    await receiver?.close();
  });

  const run = async (mode: 'FULL' | 'INCREMENTAL'): Promise<BackupView> => {
    const backup = await h.waitForBackup(orgId, await h.startBackup(orgId, { mode, objects: ['Account', 'Contact'] }));
    expect(backup.status).toBe('SUCCEEDED');
    return backup;
  };
  const changesOf = async (backupId: string, key = h.key) => (await gqlData(h.api.url, key, CHANGES, { id: backupId })).backup.changes as { object: string; previousBackupId: string; previousRecords: number; created: number; updated: number; deleted: number }[];

  /** Every Id of a kind, page by page; fails on an Id seen twice. */
  const allIds = async (backupId: string, object: string, kind: Kind, first: number): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const page: { ids: string[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (await gqlData(h.api.url, h.key, PAGE, { b: backupId, o: object, k: kind, first, after })).backupChanges;
      expect(page.ids.length).toBeLessThanOrEqual(first);
      ids.push(...page.ids);
      if (!page.pageInfo.hasNextPage) {
        expect(ids.length).toBe(page.totalCount);
        break;
      }
      expect(page.ids.length).toBe(first);
      after = page.pageInfo.endCursor;
    }
    expect(new Set(ids).size, `${object} ${kind}: each Id once`).toBe(ids.length);
    return ids;
  };

  const sorted = (ids: readonly string[]): string[] => [...ids].sort();
  const massDeletion = (r: ReceivedWebhook): boolean => r.body.alert?.rule === 'massDeletion' && r.body.alert?.key === `${orgId}/Account`;

  it('should count created, updated and deleted records per object, list their Ids page by page, alert once on a mass deletion and resolve it with the next backup', async () => {
    const first = await run('FULL');
    expect(await changesOf(first.id), 'a first backup has nothing to compare with').toEqual([]);

    // Round 1: 1050 of 1500 Accounts deleted (a mass deletion), 40 updated, 20 created; a few Contact changes (no alert: 2 of 120).
    const accounts = sandboxRecords(org, 'Account');
    const contacts = sandboxRecords(org, 'Contact');
    const deletedAccounts = accounts.filter((_, i) => i % 10 !== 3).slice(0, 1050).map((r) => String(r.Id));
    const updatedAccounts = accounts.filter((_, i) => i % 10 === 3).slice(0, 40).map((r) => String(r.Id));
    const a1 = org.mutate({ object: 'Account', deletes: deletedAccounts, updates: updatedAccounts.map((Id, i) => ({ Id, Name: `Renamed ${i}` })), insert: 20 });
    expect(a1.errors).toEqual([]);
    const c1 = org.mutate({ object: 'Contact', deletes: [String(contacts[5]!.Id), String(contacts[77]!.Id)], updates: contacts.slice(10, 20).map((r) => ({ Id: r.Id as string, LastName: `Changed ${String(r.Id)}` })), insert: 3 });
    expect(c1.errors).toEqual([]);
    expect(a1.inserted).toHaveLength(20);

    const second = await run('FULL');
    expect(await changesOf(second.id)).toEqual([
      { object: 'Account', previousBackupId: first.id, previousRecords: 1500, created: 20, updated: 40, deleted: 1050 },
      { object: 'Contact', previousBackupId: first.id, previousRecords: 120, created: 3, updated: 10, deleted: 2 },
    ]);
    // More than one chunk of deleted Ids, read in pages that cross chunk boundaries.
    expect(sorted(await allIds(second.id, 'Account', 'DELETED', 97))).toEqual(sorted(deletedAccounts));
    expect(sorted(await allIds(second.id, 'Account', 'UPDATED', 7))).toEqual(sorted(updatedAccounts));
    expect(sorted(await allIds(second.id, 'Account', 'CREATED', 1000))).toEqual(sorted(a1.inserted));
    expect(sorted(await allIds(second.id, 'Contact', 'DELETED', 1))).toEqual(sorted(c1.deleted));
    expect(sorted(await allIds(second.id, 'Contact', 'UPDATED', 3))).toEqual(sorted(c1.updated));
    expect(sorted(await allIds(second.id, 'Contact', 'CREATED', 100))).toEqual(sorted(c1.inserted));

    // Exactly one alert, with the counts and where the Ids are.
    await receiver.waitFor((received) => received.some((r) => massDeletion(r) && r.body.event === 'fired'), 60_000);
    const fired = receiver.accepted('/changes').filter((r) => massDeletion(r) && r.body.event === 'fired');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.body.alert).toMatchObject({
      kind: 'MASS_DELETION',
      tenantId: 'tenantA',
      resolvedAt: null,
      details: { orgId, backupId: second.id, object: 'Account', previousBackupId: first.id, previousRecords: 1500, deleted: 1050, updated: 40, created: 20, changedIds: { query: 'backupChanges', backupId: second.id, object: 'Account', kind: 'DELETED' } },
    });
    const { backupId, object, kind } = fired[0]!.body.alert.details.changedIds;
    expect(sorted(await allIds(backupId, object, kind, 500))).toEqual(sorted(deletedAccounts));
    // Contact's 2 deletions stay under the default 5%: no alert about it.
    expect(receiver.received.filter((r) => r.body.alert?.key === `${orgId}/Contact`)).toEqual([]);

    // Round 2: a few updates only; an incremental backup sees them and clears the mass deletion.
    const updatedAgain = sandboxRecords(org, 'Account').slice(0, 5).map((r) => String(r.Id));
    expect(org.mutate({ object: 'Account', updates: updatedAgain.map((Id) => ({ Id, Name: `Again ${Id}` })) }).errors).toEqual([]);
    const third = await run('INCREMENTAL');
    expect(third.objects.map((o) => o.mode)).toEqual(['INCREMENTAL', 'INCREMENTAL']);
    expect(await changesOf(third.id)).toEqual([
      { object: 'Account', previousBackupId: second.id, previousRecords: 470, created: 0, updated: 5, deleted: 0 },
      { object: 'Contact', previousBackupId: second.id, previousRecords: 121, created: 0, updated: 0, deleted: 0 },
    ]);
    expect(sorted(await allIds(third.id, 'Account', 'UPDATED', 2))).toEqual(sorted(updatedAgain));
    await receiver.waitFor((received) => received.some((r) => massDeletion(r) && r.body.event === 'resolved'), 60_000);
    expect(receiver.accepted('/changes').filter((r) => massDeletion(r) && r.body.event === 'fired')).toHaveLength(1);

    const { monitoring } = await gqlData(h.api.url, h.key, 'query { monitoring { alerts(includeResolved: true) { id kind key resolvedAt details } } }');
    const mine = (monitoring.alerts as { kind: string; key: string; resolvedAt: string | null; details: any }[]).filter((a) => a.kind === 'MASS_DELETION');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ key: `${orgId}/Account`, details: { deleted: 1050 } });
    expect(mine[0]!.resolvedAt).not.toBeNull();

    // Another tenant reads none of it.
    const other = await gql(h.api.url, h.keys.tenantB, PAGE, { b: second.id, o: 'Account', k: 'DELETED', first: 10 });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gqlData(h.api.url, h.keys.tenantB, CHANGES, { id: second.id })).backup).toBeNull();
    const otherAlerts = await gqlData(h.api.url, h.keys.tenantB, 'query { monitoring { alerts(includeResolved: true) { id } } }');
    expect(otherAlerts.monitoring.alerts).toEqual([]);
  });

  it('should count exactly once what changed when the backup is resumed after its worker is killed', async () => {
    const org2 = h.addOrg({ size: { Case: 4000 }, seed: 53 });
    const org2Id = await h.connect(org2);
    const base = await h.waitForBackup(org2Id, await h.startBackup(org2Id, { objects: ['Case'] }));
    expect(base.status).toBe('SUCCEEDED');
    const cases = sandboxRecords(org2, 'Case');
    const deleted = cases.filter((_, i) => i % 7 === 2).map((r) => String(r.Id));
    const updated = cases.filter((_, i) => i % 13 === 5 && i % 7 !== 2).map((r) => String(r.Id));
    const m = org2.mutate({ object: 'Case', deletes: deleted, updates: updated.map((Id) => ({ Id, Subject: `Changed ${Id}` })), insert: 25 });
    expect(m.errors).toEqual([]);

    const env = { ...WORKER_ENV, LONGHAUL_BACKUP_BULK_PAGE_SIZE: '500', LONGHAUL_LOCK_LIFETIME_MS: '2000' };
    const first = await h.restartWorkers(env);
    const slow = h.sandbox.faults.add({ kind: 'bulkQuery', orgId: org2.orgId, method: 'GET', latencyMs: 300 });
    const jobId = await h.startBackup(org2Id, { objects: ['Case'] });
    const atKill = await eventually(
      'the backup to checkpoint Bulk page 2 of Case',
      async () => {
        const doc = await h.db.collection('agendaJobs').findOne({ _id: new ObjectId(jobId) });
        return doc?.checkpoint ? (JSON.parse(doc.checkpoint as string) as { part: number; changes?: { deleted: number } | null }) : undefined;
      },
      (checkpoint) => checkpoint !== undefined && checkpoint.part >= 2,
      { intervalMs: 50 },
    );
    expect(atKill!.changes?.deleted).toBeGreaterThan(0);
    execSync(`pkill -KILL -P ${first.child.pid}; kill -KILL ${first.child.pid}`);
    await first.stop();
    h.sandbox.faults.remove(slow.id);
    await h.startWorker(env);
    const second = await h.waitForBackup(org2Id, jobId, 180_000);
    expect(second.status).toBe('SUCCEEDED');
    expect(second.job.attempts).toBeGreaterThanOrEqual(2);

    expect(await changesOf(second.id)).toEqual([{ object: 'Case', previousBackupId: base.id, previousRecords: 4000, created: 25, updated: updated.length, deleted: deleted.length }]);
    expect(sorted(await allIds(second.id, 'Case', 'DELETED', 250))).toEqual(sorted(deleted));
    expect(sorted(await allIds(second.id, 'Case', 'UPDATED', 250))).toEqual(sorted(updated));
    expect(sorted(await allIds(second.id, 'Case', 'CREATED', 250))).toEqual(sorted(m.inserted));
    // No chunk left behind by the killed run beyond what the backup counts.
    const entry = (await h.backups.get('tenantA', second.id))!.objects[0]!;
    const stored = await h.db.collection('backupChanges').countDocuments({ backupId: second.id });
    expect(stored).toBe(entry.changes!.chunks.CREATED + entry.changes!.chunks.UPDATED + entry.changes!.chunks.DELETED);
  }, 300_000);

  it('should answer a cursor it never handed out with BAD_USER_INPUT', async () => {
    const { backups } = await gqlData(h.api.url, h.key, 'query($orgId: ID!) { backups(orgId: $orgId) { id } }', { orgId });
    const res = await gql(h.api.url, h.key, PAGE, { b: backups[0].id, o: 'Account', k: 'DELETED', first: 10, after: 'bm9wZQ' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should show the default rules, replace them, and refuse rules that cannot hold or another tenant’s org', async () => {
    const GET = 'query($orgId: ID!) { dataChangeAlertRules(orgId: $orgId) { orgId isDefault rules { kind object share count enabled } } }';
    const SET = 'mutation($orgId: ID!, $rules: [DataChangeRuleInput!]!) { setDataChangeAlertRules(orgId: $orgId, rules: $rules) { isDefault rules { kind object share count enabled } } }';
    expect((await gqlData(h.api.url, h.key, GET, { orgId })).dataChangeAlertRules).toEqual({
      orgId,
      isDefault: true,
      rules: [
        { kind: 'MASS_DELETION', object: null, share: 0.05, count: null, enabled: true },
        { kind: 'BACKUP_PARTIAL', object: null, share: null, count: null, enabled: true },
      ],
    });
    const bad = await gql(h.api.url, h.key, SET, { orgId, rules: [{ kind: 'MASS_UPDATE', share: 1.5 }] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ALERT_RULE' });
    expect((await gqlData(h.api.url, h.key, GET, { orgId })).dataChangeAlertRules.isDefault).toBe(true);
    const rules = [
      { kind: 'MASS_DELETION', share: 0.1 },
      { kind: 'MASS_UPDATE', object: 'Account', count: 100, enabled: true },
    ];
    expect((await gqlData(h.api.url, h.key, SET, { orgId, rules })).setDataChangeAlertRules).toEqual({
      isDefault: false,
      rules: [
        { kind: 'MASS_DELETION', object: null, share: 0.1, count: null, enabled: true },
        { kind: 'MASS_UPDATE', object: 'Account', share: null, count: 100, enabled: true },
      ],
    });
    expect((await gqlData(h.api.url, h.key, GET, { orgId })).dataChangeAlertRules.isDefault).toBe(false);
    expect((await gql(h.api.url, h.keys.tenantB, GET, { orgId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(h.api.url, h.keys.tenantB, SET, { orgId, rules: [] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
