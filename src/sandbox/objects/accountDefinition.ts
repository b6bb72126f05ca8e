import { trickyText } from '../data/trickyText.ts';
import { WordLists } from '../data/wordLists.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import { defineField } from '../schema/defineField.ts';
import { FULL_ACCESS_FLAGS, type SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

const types = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Other'];
const ratings = ['Hot', 'Warm', 'Cold'];

/** Account (key prefix 001). */
export const accountDefinition: SObjectDefinition = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  custom: false,
  ...FULL_ACCESS_FLAGS,
  sizeWeight: 0.2,
  fixedCount: 0,
  fields: [
    ...systemFields({ withOwner: true, deletable: true }),
    defineField({ name: 'Name', label: 'Account Name', type: 'string', nillable: false, nameField: true }),
    defineField({ name: 'RecordTypeId', label: 'Account Record Type', type: 'reference', referenceTo: ['RecordType'], relationshipName: 'RecordType' }),
    defineField({ name: 'AccountNumber', type: 'string', length: 40 }),
    defineField({ name: 'Type', label: 'Account Type', type: 'picklist', picklistValues: types }),
    defineField({ name: 'Industry', type: 'picklist', picklistValues: WordLists.industries }),
    defineField({ name: 'Rating', label: 'Account Rating', type: 'picklist', picklistValues: ratings }),
    defineField({ name: 'AnnualRevenue', type: 'currency', precision: 18, scale: 0 }),
    defineField({ name: 'NumberOfEmployees', label: 'Employees', type: 'int', precision: 8 }),
    defineField({ name: 'Phone', label: 'Account Phone', type: 'phone' }),
    defineField({ name: 'Website', type: 'url' }),
    defineField({ name: 'BillingStreet', type: 'textarea', length: 255 }),
    defineField({ name: 'BillingCity', type: 'string', length: 40 }),
    defineField({ name: 'BillingPostalCode', label: 'Billing Zip/Postal Code', type: 'string', length: 20 }),
    defineField({ name: 'BillingCountry', type: 'string', length: 80 }),
    defineField({ name: 'Description', label: 'Account Description', type: 'textarea' }),
    defineField({ name: 'External_Id__c', label: 'External Id', type: 'string', length: 40, externalId: true, unique: true }),
    defineField({ name: 'Active__c', label: 'Active', type: 'boolean' }),
    defineField({ name: 'Customer_Since__c', label: 'Customer Since', type: 'date' }),
  ],
  locateGenerated(field, value) {
    const m = field === 'External_Id__c' ? /^EXT-A-(\d{8})$/i.exec(value) : null;
    return m ? Number(m[1]) - 1 : undefined;
  },
  generate(ctx) {
    const { rng, index } = ctx;
    const name = `${rng.pick(WordLists.companyStems)} ${rng.pick(WordLists.companySuffixes)} ${index + 1}`;
    return {
      Name: trickyText(rng, name, ctx.trickyRate),
      RecordTypeId: ctx.recordTypeOf('Account', index),
      AccountNumber: rng.chance(0.8) ? `AC-${String(100000 + index)}` : null,
      Type: rng.chance(0.9) ? rng.pick(types) : null,
      Industry: rng.chance(0.85) ? rng.pick(WordLists.industries) : null,
      Rating: rng.chance(0.6) ? rng.pick(ratings) : null,
      AnnualRevenue: rng.chance(0.7) ? rng.between(10, 500_000) * 1000 : null,
      NumberOfEmployees: rng.chance(0.75) ? rng.between(1, 250_000) : null,
      Phone: rng.chance(0.8) ? `+1 (${rng.between(200, 999)}) ${rng.between(200, 999)}-${rng.between(1000, 9999)}` : null,
      Website: rng.chance(0.6) ? `https://www.example-${index + 1}.com` : null,
      BillingStreet: rng.chance(0.7) ? trickyText(rng, `${rng.between(1, 999)} ${rng.pick(WordLists.streets)}`, ctx.trickyRate) : null,
      BillingCity: rng.chance(0.8) ? rng.pick(WordLists.cities) : null,
      BillingPostalCode: rng.chance(0.7) ? String(rng.between(1000, 99999)).padStart(5, '0') : null,
      BillingCountry: rng.chance(0.8) ? rng.pick(WordLists.countries) : null,
      Description: rng.chance(0.4) ? trickyText(rng, `${rng.pick(WordLists.words)} ${rng.pick(WordLists.words)} account`, ctx.trickyRate * 2) : null,
      External_Id__c: `EXT-A-${String(index + 1).padStart(8, '0')}`,
      Active__c: rng.chance(0.8),
      Customer_Since__c: rng.chance(0.5) ? SalesforceDate.toDate(ctx.anchorMs - rng.int(3650) * SalesforceDate.dayMs) : null,
    };
  },
};
