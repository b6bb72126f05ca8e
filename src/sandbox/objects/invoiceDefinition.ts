import { trickyText } from '../data/trickyText.ts';
import { WordLists } from '../data/wordLists.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import { defineField } from '../schema/defineField.ts';
import { FULL_ACCESS_FLAGS, type SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

const statuses = ['Draft', 'Sent', 'Paid', 'Void'];

/**
 * Invoice__c, a custom object (key prefix a0X); `Opportunity__c` looks up
 * Opportunity and `Account__c` that opportunity's account.
 */
export const invoiceDefinition: SObjectDefinition = {
  name: 'Invoice__c',
  label: 'Invoice',
  labelPlural: 'Invoices',
  keyPrefix: 'a0X',
  custom: true,
  ...FULL_ACCESS_FLAGS,
  sizeWeight: 0.15,
  fixedCount: 0,
  autoNumber: { field: 'Name', format: (sequence) => `INV-${String(sequence + 1).padStart(7, '0')}` },
  fields: [
    ...systemFields({ withOwner: true, deletable: true }),
    defineField({ name: 'Name', label: 'Invoice Number', type: 'string', length: 80, nillable: false, createable: false, updateable: false, autoNumber: true, nameField: true, defaultedOnCreate: true, custom: false }),
    defineField({ name: 'Account__c', label: 'Account', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account__r' }),
    defineField({ name: 'Opportunity__c', label: 'Opportunity', type: 'reference', referenceTo: ['Opportunity'], relationshipName: 'Opportunity__r' }),
    defineField({ name: 'Amount__c', label: 'Amount', type: 'currency', precision: 16, scale: 2 }),
    defineField({ name: 'Status__c', label: 'Status', type: 'picklist', picklistValues: statuses, restrictedPicklist: true, defaultedOnCreate: true }),
    defineField({ name: 'Issued_On__c', label: 'Issued On', type: 'date' }),
    defineField({ name: 'Due_On__c', label: 'Due On', type: 'date' }),
    defineField({ name: 'Paid__c', label: 'Paid', type: 'boolean' }),
    defineField({ name: 'Notes__c', label: 'Notes', type: 'textarea' }),
    defineField({ name: 'External_Ref__c', label: 'External Reference', type: 'string', length: 40, externalId: true, unique: true }),
  ],
  locateGenerated(field, value) {
    const m = field === 'External_Ref__c' ? /^INV-EXT-(\d{9})$/i.exec(value) : null;
    return m ? Number(m[1]) - 1 : undefined;
  },
  generate(ctx) {
    const { rng, index } = ctx;
    const opportunityIndex = ctx.related('Invoice__c.Opportunity__c', 'Opportunity', index, 0.15);
    const accountIndex = opportunityIndex === null
      ? ctx.related('Invoice__c.Account__c', 'Account', index, 0.1)
      : ctx.related('Opportunity.AccountId', 'Account', opportunityIndex, 0.02);
    const issued = ctx.anchorMs - rng.int(1000) * SalesforceDate.dayMs;
    const status = rng.pick(statuses);
    return {
      Account__c: accountIndex === null ? null : ctx.idOf('Account', accountIndex),
      Opportunity__c: opportunityIndex === null ? null : ctx.idOf('Opportunity', opportunityIndex),
      Amount__c: rng.chance(0.95) ? rng.between(1, 250_000) + rng.int(100) / 100 : null,
      Status__c: status,
      Issued_On__c: SalesforceDate.toDate(issued),
      Due_On__c: rng.chance(0.9) ? SalesforceDate.toDate(issued + 30 * SalesforceDate.dayMs) : null,
      Paid__c: status === 'Paid',
      Notes__c: rng.chance(0.25) ? trickyText(rng, `${rng.pick(WordLists.words)} ${rng.pick(WordLists.words)}`, ctx.trickyRate * 3) : null,
      External_Ref__c: rng.chance(0.9) ? `INV-EXT-${String(index + 1).padStart(9, '0')}` : null,
    };
  },
};
