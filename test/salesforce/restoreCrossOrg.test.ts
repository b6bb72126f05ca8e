import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlData } from '../support/graphqlClient.ts';
import { TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import type { OrgHandle, Sandbox } from '../../src/sandbox/index.ts';

const A = TEST_KEYS.tenantA;
const RESTORED = ['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c'];
const SYSTEM = new Set(['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']);
const AUTO_NUMBER: Record<string, string[]> = { Case: ['CaseNumber'], Invoice__c: ['Name'] };
const LOOKUPS: Record<string, string[]> = { Account: [], Contact: ['AccountId'], Opportunity: ['AccountId'], Case: ['AccountId', 'ContactId'], Invoice__c: ['Account__c', 'Opportunity__c'] };
const PLAN_FIELDS = 'order deferredReferences unmappedOwners unmappedRecordTypes objects { name order records toCreate toUpdate toSkip method createFields updateFields deferredFields skippedFields { name reason } unmappedReferences { field count } }';

type Row = Record<string, unknown>;
const recordsOf = (org: OrgHandle, object: string): Row[] => [...org.records(object)].map(({ attributes: _a, ...fields }) => fields);

describe('salesforce.restore into another org', () => {
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let api: LonghaulProcess;

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'sfcrossorg' });
    ({ sandbox, api } = stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  const startRestore = async (input: Record<string, unknown>) => (await gqlData(api.url, A, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id input } }', { input })).startRestore;
  const restoreOf = async (restoreId: string) =>
    (await gqlData(api.url, A, `query($id: ID!) { restore(id: $id) { status dryRun error { code message } totals { created updated failed skipped } plan { ${PLAN_FIELDS} } } }`, { id: restoreId })).restore;

  it('should recreate an org in an empty one, every lookup on its restored parent, as the dry run planned', async () => {
    const source = addTestOrg(sandbox, { size: 250, seed: 31 });
    const target = addTestOrg(sandbox, { size: 0, seed: 77 });
    const sourceId = await stack.connect(source);
    const targetId = await stack.connect(target);
    const backupId = await stack.backupAndWait(sourceId, [...RESTORED, 'User', 'RecordType']);
    const original = new Map(RESTORED.map((o) => [o, recordsOf(source, o)]));

    // Owners are mapped by name unless given: the two orgs' users have different names except by chance.
    const sourceUsers = recordsOf(source, 'User');
    const targetUsers = recordsOf(target, 'User');
    const owners = [...new Set(RESTORED.flatMap((o) => original.get(o)!.map((r) => String(r.OwnerId))))].sort();
    const targetByName = new Map<string, string[]>();
    for (const u of targetUsers) targetByName.set(String(u.Name), [...(targetByName.get(String(u.Name)) ?? []), String(u.Id)]);
    const byName = (id: string) => targetByName.get(String(sourceUsers.find((u) => u.Id === id)?.Name))?.length === 1;
    const unmapped = owners.filter((id) => !byName(id));
    expect(unmapped.length).toBeGreaterThan(0);

    const refused = await startRestore({ backupId, targetOrgId: targetId });
    const refusedJob = await stack.waitForJob(refused.id);
    // No retry changes a plan: the job goes straight to the debug queue after its one attempt.
    expect(refusedJob).toMatchObject({ state: 'DEBUG', attempts: 1, lastError: { code: 'UNMAPPED_REFERENCES' } });
    const refusedRestore = await restoreOf(refused.input.restoreId);
    expect(refusedRestore.status).toBe('FAILED');
    expect(refusedRestore.error.code).toBe('UNMAPPED_REFERENCES');
    for (const id of unmapped) expect(refusedRestore.error.message).toContain(id);
    expect(refusedRestore.plan.unmappedOwners).toEqual(unmapped);
    // Record types of the same DeveloperName exist in both orgs (under other Ids): they map by name.
    expect(refusedRestore.plan.unmappedRecordTypes).toEqual([]);
    expect(recordsOf(target, 'Account')).toHaveLength(0);

    const ownerMappings = sourceUsers.map((u, i) => ({ sourceId: u.Id, targetId: targetUsers[i]!.Id }));
    const ownerOf = new Map(ownerMappings.map((m) => [String(m.sourceId), String(m.targetId)]));
    const typeKey = (r: Row) => `${String(r.SobjectType)}.${String(r.DeveloperName)}`;
    const targetTypes = new Map(recordsOf(target, 'RecordType').map((r) => [typeKey(r), String(r.Id)]));
    const recordTypeOf = new Map(recordsOf(source, 'RecordType').map((r) => [String(r.Id), targetTypes.get(typeKey(r))]));
    const dry = await startRestore({ backupId, targetOrgId: targetId, dryRun: true, ownerMappings });
    expect((await stack.waitForJob(dry.id)).state).toBe('SUCCEEDED');
    const planned = await restoreOf(dry.input.restoreId);
    expect(planned).toMatchObject({ status: 'SUCCEEDED', dryRun: true, totals: { created: 0, updated: 0, failed: 0 } });
    expect(recordsOf(target, 'Account')).toHaveLength(0);
    expect(planned.plan.order).toEqual(['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c']);
    expect(planned.plan.objects.map((o: Row) => [o.name, o.toCreate])).toEqual(RESTORED.map((o) => [o, original.get(o)!.length]));
    expect(planned.plan.objects.find((o: Row) => o.name === 'Invoice__c').skippedFields).toContainEqual({ name: 'Name', reason: 'READ_ONLY' });

    const real = await startRestore({ backupId, targetOrgId: targetId, ownerMappings });
    const done = await stack.waitForJob(real.id);
    expect(done.state).toBe('SUCCEEDED');
    const executed = await restoreOf(real.input.restoreId);
    expect(executed.plan).toEqual(planned.plan);
    const total = RESTORED.reduce((sum, o) => sum + original.get(o)!.length, 0);
    expect(executed.totals).toEqual({ created: total, updated: 0, failed: 0, skipped: 0 });

    const { restore } = await gqlData(api.url, A, 'query($id: ID!) { restore(id: $id) { results(filter: { first: 1000 }) { sourceId targetId outcome } } }', { id: real.input.restoreId });
    const idMap = new Map<string, string>(restore.results.map((r: Row) => [String(r.sourceId), String(r.targetId)]));
    expect(idMap.size).toBe(total);
    for (const object of RESTORED) {
      const now = new Map(recordsOf(target, object).map((r) => [String(r.Id), r]));
      expect(now.size, object).toBe(original.get(object)!.length);
      const keep = (field: string) => !SYSTEM.has(field) && !AUTO_NUMBER[object]?.includes(field);
      const expected = original.get(object)!.map((r) =>
        Object.fromEntries(
          Object.entries(r)
            .filter(([f]) => keep(f))
            .map(([f, v]) => [f, f === 'OwnerId' ? ownerOf.get(String(v)) : f === 'RecordTypeId' && v !== null ? recordTypeOf.get(String(v)) : LOOKUPS[object]!.includes(f) && v !== null ? idMap.get(String(v)) : v]),
        ),
      );
      const actual = original.get(object)!.map((r) => {
        const copy = now.get(idMap.get(String(r.Id))!);
        expect(copy, `${object} ${String(r.Id)}`).toMatchObject({ Id: idMap.get(String(r.Id)) });
        return Object.fromEntries(Object.entries(copy!).filter(([f]) => keep(f)));
      });
      expect(actual, object).toEqual(expected);
      expect([...now.keys()].some((id) => original.get(object)!.some((r) => r.Id === id)), object).toBe(false);
    }
  }, 300_000);
});
