import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { accessToken, addTestOrg, loginTo, rejectionOf, testApiVersion } from '../support/sandboxConnection.ts';

type Row = Record<string, unknown> & { Id: string };

describe('sandbox org REST describe and query', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should list objects with their flags in describeGlobal', async () => {
    const conn = await loginTo(sandbox, addTestOrg(sandbox));
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c', 'User', 'RecordType', 'AggregateResult']);
    const invoice = global.sobjects.find((s) => s.name === 'Invoice__c');
    expect(invoice).toMatchObject({ custom: true, keyPrefix: 'a0X', queryable: true, replicateable: true, createable: true });
    expect(global.sobjects.find((s) => s.name === 'AggregateResult')).toMatchObject({ queryable: false, replicateable: false, keyPrefix: null });
  });

  it('should describe fields with types, flags and relationships', async () => {
    const conn = await loginTo(sandbox, addTestOrg(sandbox));
    const contact = await conn.describe('contact');
    expect(contact.name).toBe('Contact');
    const byName = new Map(contact.fields.map((f) => [f.name, f]));
    expect(byName.get('AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', nillable: true, createable: true, updateable: true });
    expect(byName.get('LastName')).toMatchObject({ type: 'string', nillable: false, createable: true });
    expect(byName.get('Name')).toMatchObject({ createable: false, updateable: false, nameField: true });
    expect(byName.get('SystemModstamp')).toMatchObject({ type: 'datetime', createable: false, updateable: false });
    const invoice = await conn.describe('Invoice__c');
    expect(invoice.fields.find((f) => f.name === 'Opportunity__c')).toMatchObject({ referenceTo: ['Opportunity'], relationshipName: 'Opportunity__r', custom: true });
    expect(invoice.fields.find((f) => f.name === 'External_Ref__c')).toMatchObject({ externalId: true, unique: true, idLookup: true });
    const account = await conn.describe('Account');
    expect(account.childRelationships.map((r) => `${r.childSObject}.${r.field}`)).toEqual(expect.arrayContaining(['Contact.AccountId', 'Invoice__c.Account__c']));
    expect((await rejectionOf(conn.describe('Nope__c'))).errorCode).toBe('NOT_FOUND');
  });

  it('should page query results 2,000 at a time with autoFetch and with nextRecordsUrl', async () => {
    const org = addTestOrg(sandbox, { size: { Contact: 4500 } });
    const conn = await loginTo(sandbox, org);
    const first = await conn.query<Row>('SELECT Id, LastName FROM Contact');
    expect(first.totalSize).toBe(4500);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(new RegExp(`/services/data/v${testApiVersion}/query/01g\\w+-2000$`));
    const second = await conn.queryMore<Row>(first.nextRecordsUrl ?? '');
    expect(second.records).toHaveLength(2000);
    const third = await conn.queryMore<Row>(second.nextRecordsUrl ?? '');
    expect(third.records).toHaveLength(500);
    expect(third.done).toBe(true);
    expect(third.nextRecordsUrl).toBeUndefined();
    const again = await conn.queryMore<Row>(first.nextRecordsUrl ?? '');
    expect(again.records[0]?.Id).toBe(second.records[0]?.Id);
    const all = await conn.query<Row>('SELECT Id FROM Contact').run({ autoFetch: true, maxFetch: 10_000 });
    const ids = all.records.map((r) => r.Id);
    expect(ids).toHaveLength(4500);
    expect(new Set(ids).size).toBe(4500);
    expect([...ids].sort()).toEqual(ids);
  });

  it('should honour Sforce-Query-Options batchSize and reject unknown locators', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 700 } });
    const token = await accessToken(sandbox, org);
    const headers = { Authorization: `Bearer ${token}`, 'Sforce-Query-Options': 'batchSize=250' };
    const base = `${sandbox.url}/services/data/v${testApiVersion}`;
    const page = (await (await fetch(`${base}/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, { headers })).json()) as { records: unknown[] };
    expect(page.records).toHaveLength(250);
    const bad = await fetch(`${base}/query/01gXXXXXXXXXXXXXXX-2000`, { headers });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('should show deleted records only through queryAll, with IsDeleted true', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 100 } });
    const conn = await loginTo(sandbox, org);
    const { deleted } = org.mutate({ object: 'Account', delete: 7 });
    expect(deleted).toHaveLength(7);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(93);
    const all = await conn.query<Row>('SELECT Id, IsDeleted FROM Account').scanAll(true).run({ autoFetch: true });
    expect(all.totalSize).toBe(100);
    expect(all.records.filter((r) => r['IsDeleted'] === true).map((r) => r.Id).sort()).toEqual([...deleted].sort());
    const count = await conn.query('SELECT COUNT() FROM Account WHERE IsDeleted = true').scanAll(true);
    expect(count.totalSize).toBe(7);
  });

  it('should filter on SystemModstamp for incremental reads and sort and limit', async () => {
    const org = addTestOrg(sandbox, { size: { Opportunity: 300 } });
    const conn = await loginTo(sandbox, org);
    const cutoff = new Date(Date.now() - 2000).toISOString();
    const { updated } = org.mutate({ object: 'Opportunity', update: 5 });
    const changed = await conn.query<Row>(`SELECT Id, SystemModstamp FROM Opportunity WHERE SystemModstamp > ${cutoff} ORDER BY SystemModstamp DESC`);
    expect(changed.records.map((r) => r.Id).sort()).toEqual([...updated].sort());
    const old = await conn.query('SELECT COUNT() FROM Opportunity WHERE SystemModstamp <= 2025-01-01T00:00:00Z');
    expect(old.totalSize).toBe(295);
    const newest = await conn.query<Row>('SELECT Id, CreatedDate FROM Opportunity ORDER BY CreatedDate DESC, Id ASC LIMIT 3');
    expect(newest.records).toHaveLength(3);
    const dates = newest.records.map((r) => String(r['CreatedDate']));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/);
    const pick = updated.slice(0, 2);
    const byIds = await conn.query<Row>(`SELECT Id FROM Opportunity WHERE Id IN ('${pick.join("','")}') AND StageName != null`);
    expect(byIds.records.map((r) => r.Id).sort()).toEqual([...pick].sort());
    const single = await conn.query<Row>(`SELECT Id, Name FROM Opportunity WHERE Id = '${pick[0]?.slice(0, 15)}'`);
    expect(single.records.map((r) => r.Id)).toEqual([pick[0]]);
  });

  it('should surface Salesforce error codes through jsforce', async () => {
    const conn = await loginTo(sandbox, addTestOrg(sandbox));
    const invalidField = await rejectionOf(conn.query('SELECT Id, Nope__c FROM Account'));
    expect(invalidField.errorCode).toBe('INVALID_FIELD');
    expect(invalidField.message).toContain("No such column 'Nope__c' on entity 'Account'");
    expect((await rejectionOf(conn.query('SELECT Id FROM Account WHERE'))).errorCode).toBe('MALFORMED_QUERY');
    expect((await rejectionOf(conn.query('SELECT Id FROM Nope__c'))).errorCode).toBe('INVALID_TYPE');
    const typed = await rejectionOf(conn.query("SELECT Id FROM Account WHERE SystemModstamp > '2020-01-01'"));
    expect(typed.errorCode).toBe('INVALID_FIELD');
    expect(typed.message).toContain('must be of type dateTime and should not be enclosed in quotes');
    expect((await rejectionOf(conn.query("SELECT Id FROM Account WHERE Description = 'x'"))).errorCode).toBe('INVALID_FIELD');
  });
});
