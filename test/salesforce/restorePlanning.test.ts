import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../src/jobs/salesforce/restore/dependencyOrder.ts';
import { describedObject } from '../../src/jobs/salesforce/describedObject.ts';
import { buildRestorePlan, unmappedReferencesMessage, type RestorePlanRequest } from '../../src/jobs/salesforce/restore/restorePlanBuilder.ts';
import { RetryingCaller } from '../../src/salesforce/index.ts';
import type { BackupView } from '../../src/storage/index.ts';
import { fakeCatalog, FakeSalesforceClient, type FakeObject } from '../support/fakeSalesforceClient.ts';
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

  describe('with a fake source and target org', () => {
    /** The source org: the fake's catalogue plus Invoice__c (a lookup to Contact); owners and record types in use. */
    const sourceOrg = () => {
      const invoice: FakeObject = { name: 'Invoice__c', keyPrefix: 'a00', fields: [...fakeCatalog()[1]!.fields.slice(0, 4), { name: 'Contact__c', type: 'reference', referenceTo: ['Contact'], relationshipName: 'Contact__r' }] };
      const source = new FakeSalesforceClient({ objects: [...fakeCatalog(), invoice] });
      const [ann] = source.insert('User', [{ Name: 'Ann Source', Username: 'ann@source.test', IsActive: true }]);
      const [customer, partner] = source.insert('RecordType', [
        { Name: 'Customer', DeveloperName: 'Customer', SobjectType: 'Account', IsActive: true },
        { Name: 'Partner', DeveloperName: 'Partner', SobjectType: 'Account', IsActive: true },
      ]);
      const [acme, globex] = source.insert('Account', [
        { Name: 'Acme', OwnerId: ann, RecordTypeId: customer },
        { Name: 'Globex', OwnerId: ann, RecordTypeId: partner },
      ]);
      source.insert('Contact', [{ LastName: 'Ng', AccountId: acme, OwnerId: ann }, { LastName: 'Li', AccountId: globex, OwnerId: ann }]);
      return { source, ann: ann!, customer: customer!, partner: partner! };
    };
    /** What a backup of every source object holds: one FULL entry each, the source's describes as schemas. */
    const planRequest = async (source: FakeSalesforceClient, target: FakeSalesforceClient, names: string[], sameOrg = false): Promise<{ request: RestorePlanRequest; warnings: string[] }> => {
      const objects = ['Account', 'Contact', 'User', 'RecordType', 'Invoice__c'];
      const backup = { id: 'b1', objects: objects.map((name) => ({ name, status: 'SUCCEEDED', mode: 'FULL', records: source.records(name).length })) } as unknown as BackupView;
      const schemas = new Map<string, unknown>();
      for (const name of objects) schemas.set(name, (await source.describe(name)).raw);
      const warnings: string[] = [];
      const logger = { debug: () => undefined, info: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined };
      const request: RestorePlanRequest = {
        client: target,
        caller: new RetryingCaller({ signal: new AbortController().signal, logger, backoffMs: 1 }),
        logger,
        backups: { get: async (_tenant, id) => (id === 'b1' ? backup : null) },
        files: { readSchema: async (_tenant, _backup, object) => schemas.get(object) },
        tenantId: 't1',
        backupId: 'b1',
        names,
        backedUp: new Set(objects),
        sameOrg,
        ownerMappings: [],
        recordTypeMappings: [],
        records: async function* (object) {
          yield* source.records(object);
        },
      };
      return { request, warnings };
    };

    it('should plan against the target’s describes: parents first, fields the target lacks skipped, objects it lacks left out', async () => {
      const { source } = sourceOrg();
      const withoutEmail = fakeCatalog().map((o) => (o.name === 'Contact' ? { ...o, fields: o.fields.filter((f) => f.name !== 'Email') } : o));
      const target = new FakeSalesforceClient({ objects: withoutEmail });
      const { request, warnings } = await planRequest(source, target, ['Contact', 'Account', 'Invoice__c'], true);
      const { work, plan, refs } = await buildRestorePlan(request);
      expect(plan.order).toEqual(['Account', 'Contact']);
      expect(plan.deferredReferences).toEqual(['Contact.ReportsToId', 'Account.ParentId']);
      expect(warnings).toEqual(['Invoice__c cannot be described in the target (NOT_FOUND); not restored']);
      const contact = plan.objects.find((o) => o.name === 'Contact')!;
      expect(contact).toMatchObject({
        order: 1,
        records: 2,
        method: 'COLLECTIONS',
        createFields: ['OwnerId', 'LastName', 'FirstName', 'AccountId', 'ReportsToId'],
        updateFields: ['OwnerId', 'LastName', 'FirstName', 'AccountId', 'ReportsToId'],
        deferredFields: ['ReportsToId'],
        skippedFields: [
          { name: 'Id', reason: 'READ_ONLY' },
          { name: 'IsDeleted', reason: 'READ_ONLY' },
          { name: 'CreatedDate', reason: 'READ_ONLY' },
          { name: 'SystemModstamp', reason: 'READ_ONLY' },
          { name: 'Email', reason: 'MISSING_IN_TARGET' },
        ],
      });
      expect(work.map((w) => [w.plan.name, w.batchSize, [...w.deferred], w.referenceFields])).toEqual([
        ['Account', 200, ['ParentId'], ['OwnerId', 'RecordTypeId', 'ParentId']],
        ['Contact', 200, ['ReportsToId'], ['OwnerId', 'AccountId', 'ReportsToId']],
      ]);
      // The same org maps nothing: the target is only described.
      expect(refs).toEqual({ sameOrg: true, owners: new Map(), recordTypes: new Map() });
      expect(target.calls).toEqual(['describe', 'describe', 'describe']);
    });

    it('should map owners and active record types onto another org by name, and name what it cannot map', async () => {
      const { source, ann, customer, partner } = sourceOrg();
      const target = new FakeSalesforceClient();
      const [, annTarget] = target.insert('User', [{ Name: 'Bob Target', Username: 'bob@t.test', IsActive: true }, { Name: 'Ann Source', Username: 'ann@t.test', IsActive: true }]);
      const [customerTarget] = target.insert('RecordType', [
        { Name: 'Customer', DeveloperName: 'Customer', SobjectType: 'Account', IsActive: true },
        // An inactive namesake is no target: Salesforce refuses records of an inactive record type.
        { Name: 'Partner', DeveloperName: 'Partner', SobjectType: 'Account', IsActive: false },
      ]);
      const { request } = await planRequest(source, target, ['Account', 'Contact']);
      const { plan, refs, sourceNames } = await buildRestorePlan(request);
      expect(refs).toEqual({ sameOrg: false, owners: new Map([[ann, annTarget]]), recordTypes: new Map([[customer, customerTarget]]) });
      expect(plan.unmappedOwners).toEqual([]);
      expect(plan.unmappedRecordTypes).toEqual([partner]);
      expect(sourceNames).toEqual(new Map([[ann, 'Ann Source'], [customer, 'Account.Customer'], [partner, 'Account.Partner']]));
      expect(unmappedReferencesMessage(plan, sourceNames, request.backedUp)).toBe(
        `no target for record types ${partner} (Account.Partner): pass ownerMappings / recordTypeMappings (or give them the same name in the target)`,
      );
      expect(unmappedReferencesMessage(plan, sourceNames, new Set(['Account', 'Contact']))).toBe(
        `no target for record types ${partner} (Account.Partner): pass ownerMappings / recordTypeMappings (or give them the same name in the target); the backup holds no RecordType to match names with: back those objects up too, or pass the mappings`,
      );

      const supplied = await buildRestorePlan({ ...request, recordTypeMappings: [{ sourceId: partner, targetId: customerTarget! }] });
      expect(supplied.plan.unmappedRecordTypes).toEqual([]);
      expect(unmappedReferencesMessage(supplied.plan, supplied.sourceNames, request.backedUp)).toBeNull();
    });
  });
});

