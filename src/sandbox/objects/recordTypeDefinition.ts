import { defineField } from '../schema/defineField.ts';
import type { RecordTypeSpec } from '../schema/recordTypeSpec.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

/** The record types an org has unless its options say otherwise: Account `Customer` and `Partner`, Case `Support` and `Billing`. */
export const standardRecordTypes: readonly RecordTypeSpec[] = [
  { sobjectType: 'Account', developerName: 'Customer', name: 'Customer Account' },
  { sobjectType: 'Account', developerName: 'Partner', name: 'Partner Account' },
  { sobjectType: 'Case', developerName: 'Support', name: 'Support Case' },
  { sobjectType: 'Case', developerName: 'Billing', name: 'Billing Case' },
];

/**
 * RecordType (key prefix 012), read-only through the data APIs like in a real org (record types
 * come from the Metadata API): record N is the org's N-th {@link RecordTypeSpec}, so its Id differs
 * from org to org while its `SobjectType` and `DeveloperName` stay the same. Not replicateable:
 * Salesforce offers no getUpdated/getDeleted on it, so backups take it only when asked.
 */
export const recordTypeDefinition: SObjectDefinition = {
  name: 'RecordType',
  label: 'Record Type',
  labelPlural: 'Record Types',
  keyPrefix: '012',
  custom: false,
  queryable: true,
  replicateable: false,
  retrieveable: true,
  createable: false,
  updateable: false,
  deletable: false,
  undeletable: false,
  searchable: false,
  sizeWeight: 0,
  fixedCount: 0,
  fields: [
    ...systemFields({ withOwner: false, deletable: false }),
    defineField({ name: 'Name', label: 'Record Type Label', type: 'string', length: 80, nillable: false, createable: false, nameField: true }),
    defineField({ name: 'DeveloperName', label: 'Record Type Name', type: 'string', length: 80, nillable: false, createable: false }),
    defineField({ name: 'NamespacePrefix', type: 'string', length: 15, createable: false }),
    defineField({ name: 'Description', type: 'string', length: 255, createable: false }),
    defineField({ name: 'SobjectType', label: 'SObject Type Name', type: 'picklist', nillable: false, createable: false, picklistValues: ['Account', 'Contact', 'Opportunity', 'Case', 'Invoice__c'] }),
    defineField({ name: 'IsActive', label: 'Active', type: 'boolean', createable: false }),
  ],
  generate(ctx) {
    const spec = ctx.recordTypes[ctx.index];
    if (spec === undefined) throw new RangeError(`record type ${ctx.index} is not defined`);
    return {
      Name: spec.name ?? spec.developerName.replace(/_/g, ' '),
      DeveloperName: spec.developerName,
      NamespacePrefix: null,
      Description: spec.description ?? null,
      SobjectType: spec.sobjectType,
      IsActive: spec.active ?? true,
    };
  },
};
