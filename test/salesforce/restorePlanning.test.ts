import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../src/jobs/salesforce/restore/dependencyOrder.ts';
import { describedObject } from '../../src/jobs/salesforce/describedObject.ts';
import { lookupEdges, planObjectFields } from '../../src/jobs/salesforce/restore/restorePlanner.ts';
import { matchRecords } from '../../src/jobs/salesforce/restore/recordFingerprint.ts';
import { buildPayload } from '../../src/jobs/salesforce/restore/recordPayloadBuilder.ts';
import { ReferenceResolver } from '../../src/jobs/salesforce/restore/referenceResolver.ts';
import { parseRange } from '../../src/http/exportRoutes.ts';

const field = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'string', createable: true, updateable: true, referenceTo: [], relationshipName: null, ...extra });
const lookup = (name: string, parent: string, extra: Record<string, unknown> = {}) => field(name, { type: 'reference', referenceTo: [parent], relationshipName: name.replace(/Id$|__c$/, ''), ...extra });

describe('restore planning', () => {
  it('should order parents first and defer self-lookups and one lookup per cycle', () => {
    const edges = [
      { object: 'Contact', field: 'AccountId', parent: 'Account' },
      { object: 'Account', field: 'ParentId', parent: 'Account' },
      { object: 'Account', field: 'Primary_Contact__c', parent: 'Contact' },
      { object: 'Case', field: 'ContactId', parent: 'Contact' },
      { object: 'Case', field: 'OwnerId', parent: 'User' },
    ];
    const { order, deferred } = dependencyOrder(['Case', 'Contact', 'Account'], edges);
    expect(order).toEqual(['Contact', 'Case', 'Account']);
    expect(deferred).toEqual([
      { object: 'Account', field: 'ParentId', parent: 'Account' },
      { object: 'Contact', field: 'AccountId', parent: 'Account' },
    ]);
    expect(dependencyOrder(['Invoice__c', 'Opportunity', 'Account'], [
      { object: 'Invoice__c', field: 'Opportunity__c', parent: 'Opportunity' },
      { object: 'Opportunity', field: 'AccountId', parent: 'Account' },
    ])).toEqual({ order: ['Account', 'Opportunity', 'Invoice__c'], deferred: [] });
  });

  it('should write createable and updateable fields and report read-only, missing and compound ones', () => {
    const source = describedObject({
      name: 'Account',
      fields: [field('Id', { type: 'id', createable: false, updateable: false }), field('Name'), field('Legacy__c'), field('BillingAddress', { type: 'address', createable: false, updateable: false }), field('External__c', { updateable: false }), lookup('ParentId', 'Account')],
    });
    const target = describedObject({ name: 'Account', fields: [field('Id', { type: 'id', createable: false, updateable: false }), field('Name'), field('External__c', { updateable: false }), lookup('ParentId', 'Account')] });
    expect(planObjectFields(source, target, new Set(['ParentId']))).toEqual({
      createFields: ['Name', 'External__c', 'ParentId'],
      updateFields: ['Name', 'ParentId'],
      deferredFields: ['ParentId'],
      skippedFields: [
        { name: 'Id', reason: 'READ_ONLY' },
        { name: 'Legacy__c', reason: 'MISSING_IN_TARGET' },
        { name: 'BillingAddress', reason: 'NOT_RESTORABLE' },
      ],
    });
    expect(lookupEdges(source, target)).toEqual([{ object: 'Account', field: 'ParentId', parent: 'Account' }]);
  });

  it('should map lookups through the restore, owners through their mapping, and leave other orgs’ Ids out', () => {
    const source = describedObject({ name: 'Contact', fields: [field('LastName'), lookup('AccountId', 'Account'), lookup('OwnerId', 'User'), lookup('ReportsToId', 'Contact')] });
    const resolver = new ReferenceResolver(source);
    const record = { LastName: 'Ng', AccountId: '001A', OwnerId: '005A', ReportsToId: '003X', Title: null };
    const crossOrg = { sameOrg: false, restored: new Map([['001A', '001B']]), owners: new Map([['005A', '005B']]), recordTypes: new Map() };
    expect(buildPayload(record, ['LastName', 'AccountId', 'OwnerId', 'ReportsToId'], new Set(), 'create', resolver, crossOrg)).toEqual({
      values: { LastName: 'Ng', AccountId: '001B', OwnerId: '005B' },
      unmapped: ['ReportsToId'],
    });
    const sameOrg = { ...crossOrg, sameOrg: true, owners: new Map() };
    expect(buildPayload({ ...record, Title: null }, ['LastName', 'Title', 'AccountId', 'OwnerId', 'ReportsToId'], new Set(['ReportsToId']), 'update', resolver, sameOrg)).toEqual({
      values: { LastName: 'Ng', Title: null, AccountId: '001B', OwnerId: '005A' },
      unmapped: [],
    });
  });

  it('should pair sent records with read-back ones once each, on the fields they carried', () => {
    const sent = [
      { key: 'a', values: { LastName: 'Twin', Amount: 1.5, Active: true } },
      { key: 'b', values: { LastName: 'Twin', Amount: 1.5, Active: true } },
      { key: 'c', values: { LastName: 'Solo' } },
      { key: 'd', values: { LastName: 'Gone' } },
    ];
    const candidates = [
      { Id: 'x1', LastName: 'Twin', Amount: '1.5', Active: 'true', Title: 'defaulted' },
      { Id: 'x2', LastName: 'Solo', Amount: null },
      { Id: 'x3', LastName: 'Twin', Amount: 1.5, Active: true },
      { Id: 'x4', LastName: 'Twin', Amount: 1.5, Active: true },
    ];
    expect(matchRecords(sent, candidates, (c) => String(c.Id), new Set(['x3']))).toEqual(new Map([['a', 'x1'], ['b', 'x4'], ['c', 'x2']]));
  });

  it('should parse byte ranges like RFC 9110', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-1', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
  });
});
