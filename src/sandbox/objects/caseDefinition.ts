import { trickyText } from '../data/trickyText.ts';
import { WordLists } from '../data/wordLists.ts';
import { defineField } from '../schema/defineField.ts';
import { FULL_ACCESS_FLAGS, type SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

const statuses = ['New', 'Working', 'Escalated', 'Closed'];
const priorities = ['High', 'Medium', 'Low'];
const origins = ['Phone', 'Email', 'Web'];

/** Case (key prefix 500); `ContactId` looks up Contact, `AccountId` the contact's account. */
export const caseDefinition: SObjectDefinition = {
  name: 'Case',
  label: 'Case',
  labelPlural: 'Cases',
  keyPrefix: '500',
  custom: false,
  ...FULL_ACCESS_FLAGS,
  sizeWeight: 0.15,
  fixedCount: 0,
  autoNumber: { field: 'CaseNumber', format: (sequence) => String(sequence + 1).padStart(8, '0') },
  fields: [
    ...systemFields({ withOwner: true, deletable: true }),
    defineField({ name: 'CaseNumber', label: 'Case Number', type: 'string', length: 30, nillable: false, createable: false, updateable: false, autoNumber: true, nameField: true, defaultedOnCreate: true }),
    defineField({ name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' }),
    defineField({ name: 'ContactId', label: 'Contact ID', type: 'reference', referenceTo: ['Contact'], relationshipName: 'Contact' }),
    defineField({ name: 'Subject', type: 'string' }),
    defineField({ name: 'Status', type: 'picklist', nillable: false, defaultedOnCreate: true, picklistValues: statuses }),
    defineField({ name: 'Priority', type: 'picklist', defaultedOnCreate: true, picklistValues: ['Medium', 'High', 'Low'] }),
    defineField({ name: 'Origin', label: 'Case Origin', type: 'picklist', picklistValues: origins }),
    defineField({ name: 'Description', type: 'textarea' }),
    defineField({ name: 'IsClosed', label: 'Closed', type: 'boolean', createable: false, updateable: false, calculated: true }),
  ],
  generate(ctx) {
    const { rng, index } = ctx;
    const contactIndex = ctx.related('Case.ContactId', 'Contact', index, 0.1);
    const accountIndex = contactIndex === null
      ? ctx.related('Case.AccountId', 'Account', index, 0.3)
      : ctx.related('Contact.AccountId', 'Account', contactIndex, 0.05);
    return {
      AccountId: accountIndex === null ? null : ctx.idOf('Account', accountIndex),
      ContactId: contactIndex === null ? null : ctx.idOf('Contact', contactIndex),
      Subject: rng.chance(0.95) ? trickyText(rng, `${rng.pick(WordLists.words)} issue with ${rng.pick(WordLists.words)}`, ctx.trickyRate) : null,
      Status: rng.pick(statuses),
      Priority: rng.pick(priorities),
      Origin: rng.chance(0.9) ? rng.pick(origins) : null,
      Description: rng.chance(0.5) ? trickyText(rng, `Customer reports ${rng.pick(WordLists.words)} problem.\nSteps: ${rng.pick(WordLists.words)}`, ctx.trickyRate * 2) : null,
    };
  },
  derive(values) {
    values['IsClosed'] = values['Status'] === 'Closed';
  },
};
