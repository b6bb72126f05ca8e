import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { addTestOrg, loginTo, rejectionOf } from '../support/sandboxConnection.ts';

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode?: string; errorCode?: string; message: string; fields?: string[] }> };

describe('sandbox org record writes', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should create, read, update and delete a record through sobjects/X', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 5 } });
    const conn = await loginTo(sandbox, org);
    const [account] = [...org.records('Account', { limit: 1 })];
    const created = await conn.sobject('Contact').create({ LastName: 'Lovelace, "Ada"', FirstName: 'Ada\nAugusta', AccountId: account?.Id, Birthdate: '1815-12-10' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = (created as { id: string }).id;
    expect(id).toMatch(/^003\w{15}$/);
    const read = await conn.sobject('Contact').retrieve(id) as Record<string, unknown>;
    expect(read).toMatchObject({ Id: id, LastName: 'Lovelace, "Ada"', FirstName: 'Ada\nAugusta', Name: 'Ada\nAugusta Lovelace, "Ada"', AccountId: account?.Id, Birthdate: '1815-12-10', IsDeleted: false, OwnerId: org.userId });
    await conn.sobject('Contact').update({ Id: id, Title: 'Countess' });
    const updated = await conn.sobject('Contact').retrieve(id) as Record<string, unknown>;
    expect(updated['Title']).toBe('Countess');
    expect(Date.parse(String(updated['SystemModstamp']).replace('+0000', 'Z'))).toBeGreaterThanOrEqual(Date.parse(String(read['SystemModstamp']).replace('+0000', 'Z')));
    await conn.sobject('Contact').destroy(id);
    expect((await rejectionOf(conn.sobject('Contact').retrieve(id))).errorCode).toBe('NOT_FOUND');
    const raw = [...org.records('Contact', { includeDeleted: true })].find((r) => r['Id'] === id);
    expect(raw).toMatchObject({ IsDeleted: true, Title: 'Countess' });
  });

  it('should reject bad writes with Salesforce error codes', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 5 } });
    const conn = await loginTo(sandbox, org);
    expect((await rejectionOf(conn.sobject('Contact').create({ FirstName: 'No last name' }))).errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((await rejectionOf(conn.sobject('Contact').create({ LastName: 'x', Nope__c: 1 }))).errorCode).toBe('INVALID_FIELD');
    expect((await rejectionOf(conn.sobject('Contact').create({ LastName: 'x', Name: 'y' }))).errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect((await rejectionOf(conn.sobject('Opportunity').create({ Name: 'x', StageName: 'Nope', CloseDate: '2025-01-01' }))).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect((await rejectionOf(conn.sobject('Contact').create({ LastName: 'x', AccountId: '001000000000000AAA' }))).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const duplicate = await rejectionOf(conn.sobject('Account').create({ Name: 'Dup', External_Id__c: 'EXT-A-00000002' }));
    expect(duplicate.errorCode).toBe('DUPLICATE_VALUE');
    expect(duplicate.message).toMatch(/^duplicate value found: External_Id__c duplicates value on record with id: 001\w{15}$/);
    expect((await rejectionOf(conn.sobject('Account').update({ Id: '001000000000000AAA', Name: 'x' }))).errorCode).toBe('NOT_FOUND');
  });

  it('should create, update and destroy records with sObject Collections', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    const input = Array.from({ length: 200 }, (_, i) => ({ Name: `Collection ${i}`, NumberOfEmployees: i }));
    const created = await conn.sobject('Account').create(input) as SaveResult[];
    expect(created).toHaveLength(200);
    expect(created.every((r) => r.success)).toBe(true);
    const ids = created.map((r) => r.id as string);
    const updated = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Rating: 'Hot' }))) as SaveResult[];
    expect(updated.every((r) => r.success)).toBe(true);
    const hot = await conn.query('SELECT COUNT() FROM Account WHERE Rating = \'hot\'');
    expect(hot.totalSize).toBe(200);
    const destroyed = await conn.sobject('Account').destroy(ids.slice(0, 150)) as SaveResult[];
    expect(destroyed.every((r) => r.success)).toBe(true);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(50);
    const retrieved = await conn.sobject('Account').retrieve(ids.slice(148, 152)) as Array<Record<string, unknown> | null>;
    expect(retrieved.map((r) => r?.['Id'] ?? null)).toEqual([null, null, ids[150], ids[151]]);
  });

  it('should refuse more than 200 records in one collection request', async () => {
    const conn = await loginTo(sandbox, addTestOrg(sandbox));
    const error = await rejectionOf(conn.sobject('Account').create(Array.from({ length: 201 }, (_, i) => ({ Name: `Too many ${i}` }))));
    expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
    const recursive = await conn.sobject('Account').create(Array.from({ length: 201 }, (_, i) => ({ Name: `Split ${i}` })), { allowRecursive: true }) as SaveResult[];
    expect(recursive.filter((r) => r.success)).toHaveLength(201);
  });

  it('should report per-record errors and roll back everything with allOrNone', async () => {
    const org = addTestOrg(sandbox);
    const conn = await loginTo(sandbox, org);
    const partial = await conn.sobject('Contact').create([{ LastName: 'Ok' }, { FirstName: 'Missing' }]) as SaveResult[];
    expect(partial[0]).toMatchObject({ success: true });
    expect(partial[1]).toMatchObject({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }] });
    const before = (await conn.query('SELECT COUNT() FROM Contact')).totalSize;
    const all = await conn.sobject('Contact').create([{ LastName: 'Rolled back' }, { FirstName: 'Missing' }], { allOrNone: true }) as SaveResult[];
    expect(all[0]).toMatchObject({ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }] });
    expect(all[1]).toMatchObject({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }] });
    expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(before);
  });

  it('should upsert by external Id, matching generated and inserted records', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 3 } });
    const conn = await loginTo(sandbox, org);
    const results = await conn.sobject('Account').upsert([
      { External_Id__c: 'EXT-A-00000001', Name: 'Renamed generated' },
      { External_Id__c: 'NEW-1', Name: 'Brand new' },
    ], 'External_Id__c') as Array<SaveResult & { created: boolean }>;
    expect(results.map((r) => [r.success, r.created])).toEqual([[true, false], [true, true]]);
    const again = await conn.sobject('Account').upsert({ External_Id__c: 'new-1', Name: 'Matched case-insensitively' }, 'External_Id__c') as SaveResult & { created: boolean };
    expect(again).toMatchObject({ success: true, created: false, id: results[1]?.id });
    const names = await conn.query<{ Name: string }>('SELECT Name FROM Account ORDER BY Name');
    expect(names.records.map((r) => r.Name)).toEqual(expect.arrayContaining(['Renamed generated', 'Matched case-insensitively']));
    expect(names.totalSize).toBe(4);
  });
});
