import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type OrgHandle, type Sandbox } from '../../src/sandbox/index.ts';
import { addTestOrg, loginTo, rejectionOf, sandboxAdmin, uniqueUsername } from '../support/sandboxConnection.ts';

type Row = Record<string, unknown>;
const recordTypesOf = (org: OrgHandle): Row[] => [...org.records('RecordType')];

describe('sandbox record types', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should give every org, empty ones too, the same record types under its own Ids', async () => {
    const a = addTestOrg(sandbox, { size: { Account: 40 }, seed: 5 });
    const b = addTestOrg(sandbox, { size: 0 });
    const names = (org: OrgHandle) => recordTypesOf(org).map((r) => `${String(r.SobjectType)}.${String(r.DeveloperName)}`);
    expect(names(a)).toEqual(['Account.Customer', 'Account.Partner', 'Case.Support', 'Case.Billing']);
    expect(names(b)).toEqual(names(a));
    const ids = (org: OrgHandle) => recordTypesOf(org).map((r) => String(r.Id));
    expect(ids(a).every((id) => id.startsWith('012'))).toBe(true);
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);

    const conn = await loginTo(sandbox, a);
    const result = await conn.query<Row>(`SELECT Id, DeveloperName, SobjectType FROM RecordType WHERE SobjectType = 'Account'`);
    expect(result.records.map((r) => [r.Id, r.DeveloperName, r.SobjectType])).toEqual(recordTypesOf(a).filter((r) => r.SobjectType === 'Account').map((r) => [r.Id, r.DeveloperName, 'Account']));
    const accounts = [...a.records('Account')];
    const accountTypes = new Set(result.records.map((r) => String(r.Id)));
    expect(accounts.every((r) => accountTypes.has(String(r.RecordTypeId)))).toBe(true);
    expect(new Set(accounts.map((r) => r.RecordTypeId)).size).toBe(2);
  });

  it('should pick the same record types for the same seed and none when the object has none', () => {
    const first = addTestOrg(sandbox, { size: { Account: 30 }, seed: 9 });
    const second = addTestOrg(sandbox, { size: { Account: 30 }, seed: 9 });
    const developerNames = (org: OrgHandle) => {
      const byId = new Map(recordTypesOf(org).map((r) => [String(r.Id), String(r.DeveloperName)]));
      return [...org.records('Account')].map((r) => byId.get(String(r.RecordTypeId)));
    };
    expect(developerNames(second)).toEqual(developerNames(first));
    const untyped = addTestOrg(sandbox, { size: { Account: 5 }, recordTypes: [] });
    expect(recordTypesOf(untyped)).toEqual([]);
    expect([...untyped.records('Account')].every((r) => r.RecordTypeId === null)).toBe(true);
  });

  it('should describe RecordType as read-only and list the record types of an object in its describe', async () => {
    const org = addTestOrg(sandbox, { recordTypes: [{ sobjectType: 'Account', developerName: 'Retail' }, { sobjectType: 'Account', developerName: 'Old_Type', active: false }] });
    const conn = await loginTo(sandbox, org);
    const recordType = await conn.sobject('RecordType').describe();
    expect(recordType).toMatchObject({ name: 'RecordType', keyPrefix: '012', queryable: true, createable: false, updateable: false, deletable: false });
    expect(recordType.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'DeveloperName', 'SobjectType', 'IsActive']));
    const account = await conn.sobject('Account').describe();
    expect(account.fields.find((f) => f.name === 'RecordTypeId')).toMatchObject({ type: 'reference', createable: true, updateable: true, referenceTo: ['RecordType'], relationshipName: 'RecordType' });
    const [retail, old] = recordTypesOf(org);
    expect((account.recordTypeInfos as unknown as Row[]).map((i) => [i.developerName, i.recordTypeId, i.active, i.defaultRecordTypeMapping, i.master])).toEqual([
      ['Retail', retail!.Id, true, true, false],
      ['Old_Type', old!.Id, false, false, false],
      ['Master', '012000000000000AAA', true, false, true],
    ]);
    expect((await conn.sobject('Contact').describe()).recordTypeInfos).toEqual([]);
  });

  it('should refuse record type writes and record types of another object, of another org or inactive', async () => {
    const org = addTestOrg(sandbox, { recordTypes: [{ sobjectType: 'Account', developerName: 'Retail' }, { sobjectType: 'Account', developerName: 'Old_Type', active: false }, { sobjectType: 'Case', developerName: 'Support' }] });
    const other = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    const created = await rejectionOf(conn.sobject('RecordType').create({ DeveloperName: 'New', SobjectType: 'Account' }));
    expect(created.errorCode).toBe('INVALID_TYPE');
    const [retail, old, support] = recordTypesOf(org);
    const ok = await conn.sobject('Account').create({ Name: 'Typed', RecordTypeId: retail!.Id });
    expect(ok).toMatchObject({ success: true });
    for (const id of [old!.Id, support!.Id, recordTypesOf(other)[0]!.Id]) {
      const refused = await rejectionOf(conn.sobject('Account').create({ Name: 'Mistyped', RecordTypeId: id }));
      expect(refused.errorCode, String(id)).toBe('INVALID_CROSS_REFERENCE_KEY');
      expect(refused.message).toContain(String(id));
    }
  });

  it('should create an org with its own record types through the admin API', async () => {
    const username = uniqueUsername('types');
    const recordTypes = [{ sobjectType: 'Account', developerName: 'Retail', name: 'Retail Account' }];
    const created = await sandboxAdmin(sandbox, 'POST', '/orgs', { username, password: 'pw', size: 0, recordTypes });
    expect(created.status).toBe(201);
    const records = await sandboxAdmin(sandbox, 'GET', `/orgs/${username}/records/RecordType?format=json`);
    expect((records.json as Row[]).map((r) => [r.SobjectType, r.DeveloperName, r.Name, r.IsActive])).toEqual([['Account', 'Retail', 'Retail Account', true]]);
  });

  it('should reject record types of unknown objects or with bad developer names', () => {
    expect(() => addTestOrg(sandbox, { recordTypes: [{ sobjectType: 'Nope__c', developerName: 'A' }] })).toThrow(/unknown object Nope__c/);
    expect(() => addTestOrg(sandbox, { recordTypes: [{ sobjectType: 'Account', developerName: 'Bad Name' }] })).toThrow(/developer name/);
    expect(() => addTestOrg(sandbox, { recordTypes: [{ sobjectType: 'Account', developerName: 'A' }, { sobjectType: 'account', developerName: 'a' }] })).toThrow(/defined twice/);
  });
});
