import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlData } from '../support/graphqlClient.ts';
import { TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import type { OrgHandle, Sandbox } from '../../src/sandbox/index.ts';

const A = TEST_KEYS.tenantA;

type Row = Record<string, unknown>;
const recordsOf = (org: OrgHandle, object: string): Row[] => [...org.records(object)].map(({ attributes: _a, ...fields }) => fields);
/** `SobjectType.DeveloperName` of each record type of an org, by Id. */
const typeNames = (org: OrgHandle): Map<string, string> => new Map(recordsOf(org, 'RecordType').map((r) => [String(r.Id), `${String(r.SobjectType)}.${String(r.DeveloperName)}`]));
const idByTypeName = (org: OrgHandle, name: string): string => [...typeNames(org)].find(([, n]) => n === name)![0];

describe('salesforce.restore of record types into another org', () => {
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let api: LonghaulProcess;
  let source: OrgHandle;
  let backupId: string;
  let sourceOrgId: string;

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'sfrecordtypes' });
    ({ sandbox, api } = stack);
    source = addTestOrg(sandbox, { size: { Account: 60 }, seed: 13 });
    sourceOrgId = await stack.connect(source);
    backupId = await stack.backupAndWait(sourceOrgId, ['Account', 'User', 'RecordType']);
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  const restoreOf = async (restoreId: string) =>
    (await gqlData(api.url, A, 'query($id: ID!) { restore(id: $id) { status error { code message } totals { created updated failed skipped } plan { unmappedRecordTypes } } }', { id: restoreId })).restore;
  /** Restores the backed-up Accounts into `target` (owners mapped by position); returns the job and the restore. */
  const connected = new Map<OrgHandle, string>();
  const restoreInto = async (target: OrgHandle, recordTypeMappings: Row[] = [], fromBackup = backupId) => {
    if (!connected.has(target)) connected.set(target, await stack.connect(target));
    const targetId = connected.get(target)!;
    const ownerMappings = recordsOf(source, 'User').map((u, i) => ({ sourceId: u.Id, targetId: recordsOf(target, 'User')[i]!.Id }));
    const { startRestore } = await gqlData(api.url, A, 'mutation($input: StartRestoreInput!) { startRestore(input: $input) { id input } }', {
      input: { backupId: fromBackup, targetOrgId: targetId, objects: ['Account'], ownerMappings, recordTypeMappings },
    });
    const job = await stack.waitForJob(startRestore.id);
    return { job, restoreId: String(startRestore.input.restoreId), restore: await restoreOf(startRestore.input.restoreId) };
  };
  /** Source Account Id → the record type its restored copy has in `target`, as `SobjectType.DeveloperName`. */
  const restoredTypes = async (restoreId: string, target: OrgHandle): Promise<Map<string, string | undefined>> => {
    const { restore } = await gqlData(api.url, A, 'query($id: ID!) { restore(id: $id) { results(filter: { first: 1000 }) { sourceId targetId } } }', { id: restoreId });
    const copies = new Map(recordsOf(target, 'Account').map((r) => [String(r.Id), r]));
    const names = typeNames(target);
    return new Map(restore.results.map((r: Row) => [String(r.sourceId), names.get(String(copies.get(String(r.targetId))?.RecordTypeId))]));
  };

  it('should give every restored Account the record type of the same DeveloperName in the target', async () => {
    const target = addTestOrg(sandbox, { size: 0, seed: 77 });
    const sourceNames = typeNames(source);
    const accounts = recordsOf(source, 'Account');
    // Both Account record types are used, under Ids the target does not have.
    expect(new Set(accounts.map((a) => sourceNames.get(String(a.RecordTypeId))))).toEqual(new Set(['Account.Customer', 'Account.Partner']));
    expect([...typeNames(target).keys()].filter((id) => sourceNames.has(id))).toEqual([]);

    const { job, restoreId, restore } = await restoreInto(target);
    expect(job.state).toBe('SUCCEEDED');
    expect(restore).toMatchObject({ status: 'SUCCEEDED', totals: { created: accounts.length, failed: 0 }, plan: { unmappedRecordTypes: [] } });
    const restored = await restoredTypes(restoreId, target);
    expect(restored.size).toBe(accounts.length);
    for (const account of accounts) expect(restored.get(String(account.Id)), String(account.Id)).toBe(sourceNames.get(String(account.RecordTypeId)));
  }, 120_000);

  it('should refuse a target missing a used record type, naming it, unless a mapping supplies it', async () => {
    const partnerId = idByTypeName(source, 'Account.Partner');
    const customerOnly = [{ sobjectType: 'Account', developerName: 'Customer' }, { sobjectType: 'Case', developerName: 'Support' }];
    const missing = addTestOrg(sandbox, { size: 0, recordTypes: customerOnly });
    const refused = await restoreInto(missing);
    expect(refused.job).toMatchObject({ state: 'DEBUG', attempts: 1, lastError: { code: 'UNMAPPED_REFERENCES' } });
    expect(refused.restore).toMatchObject({ status: 'FAILED', error: { code: 'UNMAPPED_REFERENCES' }, plan: { unmappedRecordTypes: [partnerId] } });
    expect(refused.restore.error.message).toContain(`${partnerId} (Account.Partner)`);
    expect(refused.restore.error.message).not.toContain(idByTypeName(source, 'Account.Customer'));
    expect(recordsOf(missing, 'Account')).toHaveLength(0);

    // An inactive namesake is no target either: Salesforce refuses records of an inactive record type.
    const inactive = addTestOrg(sandbox, { size: 0, recordTypes: [...customerOnly, { sobjectType: 'Account', developerName: 'Partner', active: false }] });
    const refusedInactive = await restoreInto(inactive);
    expect(refusedInactive.restore).toMatchObject({ status: 'FAILED', error: { code: 'UNMAPPED_REFERENCES' }, plan: { unmappedRecordTypes: [partnerId] } });

    const mapped = await restoreInto(missing, [{ sourceId: partnerId, targetId: idByTypeName(missing, 'Account.Customer') }]);
    expect(mapped.job.state).toBe('SUCCEEDED');
    expect(mapped.restore).toMatchObject({ status: 'SUCCEEDED', totals: { created: recordsOf(source, 'Account').length, failed: 0 }, plan: { unmappedRecordTypes: [] } });
    const restored = await restoredTypes(mapped.restoreId, missing);
    expect(restored.size).toBe(recordsOf(source, 'Account').length);
    expect([...restored.values()].every((name) => name === 'Account.Customer')).toBe(true);
  }, 120_000);

  it('should say so when the backup holds no RecordType to match names with', async () => {
    const withoutTypes = await stack.backupAndWait(sourceOrgId, ['Account', 'User']);
    const target = addTestOrg(sandbox, { size: 0, seed: 78 });
    const refused = await restoreInto(target, [], withoutTypes);
    expect(refused.job).toMatchObject({ state: 'DEBUG', attempts: 1, lastError: { code: 'UNMAPPED_REFERENCES' } });
    expect(refused.restore.error.message).toContain('the backup holds no RecordType to match names with');
    expect(recordsOf(target, 'Account')).toHaveLength(0);
  }, 120_000);
});
