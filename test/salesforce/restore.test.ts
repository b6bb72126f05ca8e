import { execSync } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import type { OrgHandle, Sandbox } from '../../src/sandbox/index.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;
const RESTORED = ['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c'];
/** Fields Salesforce sets itself: never equal after a record is recreated. */
const SYSTEM = new Set(['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']);
const AUTO_NUMBER: Record<string, string[]> = { Case: ['CaseNumber'], Invoice__c: ['Name'] };
const LOOKUPS: Record<string, string[]> = { Account: [], Contact: ['AccountId'], Opportunity: ['AccountId'], Case: ['AccountId', 'ContactId'], Invoice__c: ['Account__c', 'Opportunity__c'] };

type Row = Record<string, unknown>;
const recordsOf = (org: OrgHandle, object: string): Row[] => [...org.records(object)].map(({ attributes: _a, ...fields }) => fields);

describe('salesforce.restore end to end', () => {
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let api: LonghaulProcess;

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'sfrestore' });
    ({ sandbox, api } = stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  const startRestore = async (key: string, input: Record<string, unknown>) =>
    (await gqlData(api.url, key, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id type state input } }', { input })).startRestore;

  /** Every result of a restore, page by page. */
  const allResults = async (restoreId: string, filter: Record<string, unknown> = {}) => {
    const results: Row[] = [];
    let after: string | undefined;
    for (;;) {
      const { restore } = await gqlData(api.url, A, 'query($id: ID!, $f: RestoreResultFilter) { restore(id: $id) { results(filter: $f) { cursor object sourceId targetId outcome pass errors { code message } } } }', {
        id: restoreId,
        f: { ...filter, first: 1000, after },
      });
      results.push(...restore.results);
      if (restore.results.length < 1000) return results;
      after = restore.results.at(-1).cursor;
    }
  };

  /** Source Id → target Id of every record the restore wrote (pass 1). */
  const idMapOf = async (restoreId: string) => {
    const map = new Map<string, string>();
    for (const r of await allResults(restoreId)) if (r.pass === 1 && (r.outcome === 'CREATED' || r.outcome === 'UPDATED')) map.set(String(r.sourceId), String(r.targetId));
    return map;
  };

  /** What a backed-up record should look like in the target: lookups through the Id map, auto-numbers of recreated records left out. */
  const expectedInTarget = (object: string, record: Row, idMap: Map<string, string>, recreated: boolean) => {
    const out: Row = {};
    for (const [field, value] of Object.entries(record)) {
      if (SYSTEM.has(field) || (recreated && AUTO_NUMBER[object]?.includes(field))) continue;
      out[field] = LOOKUPS[object]!.includes(field) && typeof value === 'string' ? (idMap.get(value) ?? value) : value;
    }
    return out;
  };
  const actualInTarget = (object: string, record: Row, recreated: boolean) => {
    const out: Row = {};
    for (const [field, value] of Object.entries(record)) if (!SYSTEM.has(field) && !(recreated && AUTO_NUMBER[object]?.includes(field))) out[field] = value;
    return out;
  };

  it('should put deleted and modified records back, children pointing at their restored parents', async () => {
    const org = addTestOrg(sandbox, { size: 300, seed: 21 });
    const orgId = await stack.connect(org);
    const backupId = await stack.backupAndWait(orgId, [...RESTORED, 'User']);
    const original = new Map(RESTORED.map((o) => [o, recordsOf(org, o)]));

    const accounts = original.get('Account')!;
    const deletedAccounts = new Set(accounts.slice(0, 8).map((r) => String(r.Id)));
    const contacts = original.get('Contact')!;
    const orphaned = contacts.filter((c) => deletedAccounts.has(String(c.AccountId)));
    const deletedContacts = [...orphaned.slice(0, 4), ...contacts.slice(-6)].map((r) => String(r.Id));
    const changes = [
      org.mutate({ object: 'Account', deletes: [...deletedAccounts], updates: accounts.slice(10, 15).map((r) => ({ Id: r.Id, Name: 'changed, "quoted"', Phone: null })) }),
      org.mutate({ object: 'Contact', deletes: deletedContacts, updates: contacts.slice(20, 25).map((r) => ({ Id: r.Id, Title: 'Changed title' })) }),
      org.mutate({ object: 'Opportunity', updates: original.get('Opportunity')!.slice(0, 10).map((r) => ({ Id: r.Id, StageName: 'Closed Lost', Amount: 1 })) }),
      org.mutate({ object: 'Case', deletes: original.get('Case')!.slice(0, 5).map((r) => String(r.Id)) }),
      org.mutate({ object: 'Invoice__c', deletes: original.get('Invoice__c')!.slice(3, 6).map((r) => String(r.Id)) }),
    ];
    expect(changes.flatMap((c) => c.errors)).toEqual([]);
    expect(orphaned.length).toBeGreaterThan(4);

    // Whole requests fail now and then (503), and single records hit row locks: both are retried.
    const unavailable = sandbox.faults.add({ kind: 'collections', orgId: org.orgId, errorCode: 'SERVER_UNAVAILABLE', errorRate: 0.3, times: 3 });
    const locks = sandbox.faults.add({ kind: 'collections', orgId: org.orgId, recordErrorRate: 0.03, recordErrorCode: 'UNABLE_TO_LOCK_ROW' });
    const job = await startRestore(A, { backupId, targetOrgId: orgId, mode: 'UPSERT' });
    expect(job).toMatchObject({ type: 'salesforce.restore', state: 'QUEUED' });
    const done = await stack.waitForJob(job.id, { fields: 'id state attempts result logs(last: 500) { message }' });
    sandbox.faults.remove(unavailable.id);
    sandbox.faults.remove(locks.id);
    expect(done.state).toBe('SUCCEEDED');
    expect(done.logs.some((l: { message: string }) => /SERVER_UNAVAILABLE; try 2\//.test(l.message))).toBe(true);
    const deletedCount = 8 + deletedContacts.length + 5 + 3;
    expect(done.result).toMatchObject({ created: deletedCount, failed: 0, status: 'SUCCEEDED', order: ['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c'] });

    const restoreId = job.input.restoreId as string;
    expect(await allResults(restoreId, { outcome: 'FAILED' })).toEqual([]);
    const idMap = await idMapOf(restoreId);
    for (const object of RESTORED) {
      const before = original.get(object)!;
      const now = new Map(recordsOf(org, object).map((r) => [String(r.Id), r]));
      expect(now.size, object).toBe(before.length);
      const expected = before.map((r) => expectedInTarget(object, r, idMap, idMap.get(String(r.Id)) !== r.Id));
      const actual = before.map((r) => {
        const target = idMap.get(String(r.Id));
        expect(target, `${object} ${String(r.Id)}`).toMatch(/^[0-9A-Za-z]{18}$/);
        return actualInTarget(object, now.get(target!) ?? {}, target !== r.Id);
      });
      expect(actual, object).toEqual(expected);
    }
    // A contact whose account was deleted (and kept) now points at the account's new Id.
    const kept = orphaned.slice(4)[0]!;
    const keptNow = recordsOf(org, 'Contact').find((c) => c.Id === kept.Id)!;
    expect(keptNow.AccountId).toBe(idMap.get(String(kept.AccountId)));
    expect(keptNow.AccountId).not.toBe(kept.AccountId);

    const { restore } = await gqlData(api.url, A, 'query($id: ID!) { restore(id: $id) { status dryRun totals { created updated failed skipped } plan { order objects { name toCreate toUpdate method skippedFields { name reason } } } } }', { id: restoreId });
    expect(restore).toMatchObject({ status: 'SUCCEEDED', dryRun: false, totals: { created: deletedCount, failed: 0, skipped: 0 } });
    const contactPlan = restore.plan.objects.find((o: Row) => o.name === 'Contact');
    expect(contactPlan.skippedFields).toContainEqual({ name: 'Name', reason: 'READ_ONLY' });
    expect(contactPlan).toMatchObject({ toCreate: deletedContacts.length, toUpdate: contacts.length - deletedContacts.length, method: 'COLLECTIONS' });
  }, 300_000);

  it('should refuse to restore another tenant’s backup or into another tenant’s org', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 5 }, seed: 3 });
    const orgA = await stack.connect(org);
    const backupA = await stack.backupAndWait(orgA, ['Account']);
    const orgB = await stack.connect(addTestOrg(sandbox, { size: 0 }), B);
    const intoOwn = await gql(api.url, B, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id } }', { input: { backupId: backupA, targetOrgId: orgB } });
    expect(intoOwn.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const intoOther = await gql(api.url, A, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id } }', { input: { backupId: backupA, targetOrgId: orgB } });
    expect(intoOther.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const job = await startRestore(A, { backupId: backupA, targetOrgId: orgA, dryRun: true });
    await stack.waitForJob(job.id);
    const peek = await gqlData(api.url, B, 'query($id: ID!) { restore(id: $id) { id } }', { id: job.input.restoreId });
    expect(peek.restore).toBeNull();
  }, 300_000);

  it('should resume a restore whose worker was killed mid-batch: no duplicates, nothing missing', async () => {
    const env = { LONGHAUL_LOCK_LIFETIME_MS: '2000' };
    const first = await stack.restartWorkers(env);
    const org = addTestOrg(sandbox, { size: { Account: 40, Contact: 1400 }, seed: 5 });
    const orgId = await stack.connect(org);
    const backupId = await stack.backupAndWait(orgId, ['Account', 'Contact']);
    const original = recordsOf(org, 'Contact');
    expect(org.mutate({ object: 'Contact', deletes: original.map((r) => String(r.Id)) }).errors).toEqual([]);
    expect(recordsOf(org, 'Contact')).toHaveLength(0);

    // The worker dies the moment Salesforce has applied the third create request, before its answer arrives:
    // the request is in flight from the worker's point of view.
    const writer = org.services.writer;
    const create = writer.create.bind(writer);
    let created = 0;
    writer.create = (def, input, options) => {
      const result = create(def, input, options);
      if (def.name === 'Contact' && result.success && ++created === 600) execSync(`pkill -KILL -P ${first.child.pid}; kill -KILL ${first.child.pid}`);
      return result;
    };
    const job = await startRestore(A, { backupId, targetOrgId: orgId, objects: ['Contact'], mode: 'INSERT_MISSING' });
    const restoreId = job.input.restoreId as string;
    if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, 'exit');
    writer.create = create;
    const checkpoint = await stack.db.collection('agendaJobs').findOne({ _id: new ObjectId(job.id) });
    const doneAtKill = checkpoint?.checkpoint ? (JSON.parse(checkpoint.checkpoint).done as number) : 0;
    expect(doneAtKill).toBe(400);
    expect(await stack.db.collection<{ _id: string }>('restoreInFlight').findOne({ _id: restoreId })).toMatchObject({ object: 'Contact', offset: 400 });
    const createdBeforeResume = recordsOf(org, 'Contact').length;
    await stack.startWorker(env);

    const done = await stack.waitForJob(job.id, { fields: 'id state attempts result logs(last: 200) { message }' });
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 2, result: { created: 1400, failed: 0 } });
    expect(createdBeforeResume).toBe(600);
    const reconciled = done.logs.map((l: { message: string }) => l.message).find((m: string) => m.includes('reconciled the batch in flight'));
    expect(reconciled).toMatch(/: 200 of 200 records had been created$/);

    const now = recordsOf(org, 'Contact');
    expect(now).toHaveLength(original.length);
    const idMap = await idMapOf(restoreId);
    expect(new Set(idMap.values()).size).toBe(original.length);
    const byId = new Map(now.map((r) => [String(r.Id), r]));
    expect(original.map((r) => actualInTarget('Contact', byId.get(idMap.get(String(r.Id))!) ?? {}, true))).toEqual(original.map((r) => expectedInTarget('Contact', r, idMap, true)));
  }, 300_000);

  it('should write through Bulk API 2.0 ingest above the threshold, with per-record failures reported', async () => {
    await stack.restartWorkers({ LONGHAUL_RESTORE_BULK_THRESHOLD: '100', LONGHAUL_RESTORE_BULK_BATCH: '250', LONGHAUL_RESTORE_BULK_POLL_MS: '50' });
    const org = addTestOrg(sandbox, { size: { Account: 400 }, seed: 8 });
    const orgId = await stack.connect(org);
    const backupId = await stack.backupAndWait(orgId, ['Account']);
    const original = recordsOf(org, 'Account');
    const deleted = original.slice(0, 300).map((r) => String(r.Id));
    expect(org.mutate({ object: 'Account', deletes: deleted }).errors).toEqual([]);
    // A record now holding a deleted account's unique external Id: its restore fails with DUPLICATE_VALUE.
    expect(org.mutate({ object: 'Account', inserts: [{ Name: 'squatter', External_Id__c: original[0]!.External_Id__c }] }).errors).toEqual([]);

    const job = await startRestore(A, { backupId, targetOrgId: orgId, mode: 'INSERT_MISSING' });
    const done = await stack.waitForJob(job.id);
    expect(done).toMatchObject({ state: 'SUCCEEDED', result: { created: 299, failed: 1, skipped: 100 } });
    const restoreId = job.input.restoreId as string;
    const failed = await allResults(restoreId, { outcome: 'FAILED' });
    expect(failed).toMatchObject([{ sourceId: original[0]!.Id, targetId: null, errors: [{ code: 'DUPLICATE_VALUE' }] }]);
    const { restore } = await gqlData(api.url, A, 'query($id: ID!) { restore(id: $id) { plan { objects { name method } } } }', { id: restoreId });
    expect(restore.plan.objects).toEqual([{ name: 'Account', method: 'BULK' }]);
    const idMap = await idMapOf(restoreId);
    const byId = new Map(recordsOf(org, 'Account').map((r) => [String(r.Id), r]));
    const restored = original.slice(1, 300);
    expect(restored.map((r) => actualInTarget('Account', byId.get(idMap.get(String(r.Id))!) ?? {}, true))).toEqual(restored.map((r) => expectedInTarget('Account', r, idMap, true)));
    expect(byId.size).toBe(100 + 299 + 1);
  }, 300_000);
});
