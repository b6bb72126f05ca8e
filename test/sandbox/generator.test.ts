import { describe, expect, it } from 'vitest';
import { RecordGenerator, SalesforceId, SObjectCatalog } from '../../src/sandbox/index.ts';

const catalog = SObjectCatalog.standard;
const counts = new Map([['Account', 200], ['Contact', 300], ['Opportunity', 200], ['Case', 150], ['Invoice__c', 150], ['User', 5]]);

function generator(seed: number, orgNumber = 1): RecordGenerator {
  return new RecordGenerator({
    catalog,
    seed,
    counts,
    anchorMs: Date.parse('2025-01-01T00:00:00Z'),
    historyDays: 1095,
    trickyRate: 0.05,
    orgNumber,
    orgUser: { username: 'owner@sandbox.test', firstName: 'Sandbox', lastName: 'owner' },
  });
}

function object(name: string): NonNullable<ReturnType<typeof catalog.find>> {
  const def = catalog.find(name);
  if (!def) throw new Error(`no ${name}`);
  return def;
}

describe('sandbox record generator', () => {
  it('should generate the same records for the same seed, in any order', () => {
    const a = generator(42);
    const b = generator(42);
    const contact = object('Contact');
    const forward = Array.from({ length: 300 }, (_, i) => a.generate(contact, i));
    const backward = Array.from({ length: 300 }, (_, i) => b.generate(contact, 299 - i)).reverse();
    expect(backward).toEqual(forward);
    expect(generator(43).generate(contact, 5)).not.toEqual(forward[5]);
  });

  it('should make valid 18-character Ids, sorted like their sequence, with the object key prefix', () => {
    const g = generator(1, 12345);
    for (const [name, prefix] of [['Account', '001'], ['Contact', '003'], ['Opportunity', '006'], ['Case', '500'], ['Invoice__c', 'a0X'], ['User', '005']] as const) {
      const ids = Array.from({ length: 70 }, (_, i) => String(g.generate(object(name), i)['Id']));
      expect(ids.every((id) => id.length === 18 && id.startsWith(prefix) && SalesforceId.isValid(id))).toBe(true);
      expect([...ids].sort()).toEqual(ids);
      expect(SalesforceId.decode(ids[69] ?? '')).toEqual({ keyPrefix: prefix, orgNumber: 12345, sequence: 69 });
    }
    expect(SalesforceId.checksum('001000000000001')).toBe('AAA');
    expect(SalesforceId.to18('0015g00000AbCdE')).toBe(`0015g00000AbCdE${SalesforceId.checksum('0015g00000AbCdE')}`);
  });

  it('should keep lookups consistent between related objects', () => {
    const g = generator(9);
    const accountIds = new Set(Array.from({ length: 200 }, (_, i) => String(g.generate(object('Account'), i)['Id'])));
    const contacts = new Map(Array.from({ length: 300 }, (_, i) => g.generate(object('Contact'), i)).map((c) => [String(c['Id']), c]));
    const opportunities = new Map(Array.from({ length: 200 }, (_, i) => g.generate(object('Opportunity'), i)).map((o) => [String(o['Id']), o]));
    for (const contact of contacts.values()) {
      if (contact['AccountId'] !== null) expect(accountIds.has(String(contact['AccountId']))).toBe(true);
    }
    let casesWithContact = 0;
    for (let i = 0; i < 150; i += 1) {
      const c = g.generate(object('Case'), i);
      if (c['ContactId'] !== null) {
        casesWithContact += 1;
        expect(c['AccountId']).toBe(contacts.get(String(c['ContactId']))?.['AccountId']);
      }
      expect(c['CaseNumber']).toBe(String(i + 1).padStart(8, '0'));
    }
    expect(casesWithContact).toBeGreaterThan(100);
    for (let i = 0; i < 150; i += 1) {
      const invoice = g.generate(object('Invoice__c'), i);
      if (invoice['Opportunity__c'] !== null) expect(invoice['Account__c']).toBe(opportunities.get(String(invoice['Opportunity__c']))?.['AccountId']);
    }
  });

  it('should include tricky text, nulls and timestamps inside the generated window', () => {
    const g = generator(3);
    const accounts = Array.from({ length: 200 }, (_, i) => g.generate(object('Account'), i));
    const texts = accounts.flatMap((a) => [a['Name'], a['BillingStreet'], a['Description']]).filter((v): v is string => typeof v === 'string');
    expect(texts.some((t) => t.includes(','))).toBe(true);
    expect(texts.some((t) => t.includes('"'))).toBe(true);
    expect(texts.some((t) => t.includes('\n'))).toBe(true);
    expect(texts.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
    expect(accounts.some((a) => a['Description'] === null)).toBe(true);
    for (const a of accounts) {
      const created = a['CreatedDate'] as number;
      const modstamp = a['SystemModstamp'] as number;
      expect(created % 1000).toBe(0);
      expect(created).toBeGreaterThanOrEqual(g.windowStartMs);
      expect(modstamp).toBeGreaterThanOrEqual(a['LastModifiedDate'] as number);
      expect(a['LastModifiedDate'] as number).toBeGreaterThanOrEqual(created);
      expect(modstamp).toBeLessThanOrEqual(g.windowEndMs);
    }
  });
});
