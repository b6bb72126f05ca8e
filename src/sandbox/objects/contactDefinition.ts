import { trickyText } from '../data/trickyText.ts';
import { WordLists } from '../data/wordLists.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import { defineField } from '../schema/defineField.ts';
import { FULL_ACCESS_FLAGS, type SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

const salutations = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];
const leadSources = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

/** Contact (key prefix 003); `AccountId` looks up Account. */
export const contactDefinition: SObjectDefinition = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  custom: false,
  ...FULL_ACCESS_FLAGS,
  sizeWeight: 0.3,
  fixedCount: 0,
  fields: [
    ...systemFields({ withOwner: true, deletable: true }),
    defineField({ name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' }),
    defineField({ name: 'Salutation', type: 'picklist', picklistValues: salutations }),
    defineField({ name: 'FirstName', type: 'string', length: 40 }),
    defineField({ name: 'LastName', type: 'string', length: 80, nillable: false }),
    defineField({ name: 'Name', label: 'Full Name', type: 'string', length: 121, createable: false, updateable: false, nameField: true, calculated: false }),
    defineField({ name: 'Title', type: 'string', length: 128 }),
    defineField({ name: 'Email', type: 'email' }),
    defineField({ name: 'Phone', label: 'Business Phone', type: 'phone' }),
    defineField({ name: 'Birthdate', type: 'date' }),
    defineField({ name: 'MailingCity', type: 'string', length: 40 }),
    defineField({ name: 'MailingCountry', type: 'string', length: 80 }),
    defineField({ name: 'LeadSource', type: 'picklist', picklistValues: leadSources }),
    defineField({ name: 'HasOptedOutOfEmail', label: 'Email Opt Out', type: 'boolean' }),
    defineField({ name: 'Description', label: 'Contact Description', type: 'textarea' }),
  ],
  generate(ctx) {
    const { rng, index } = ctx;
    const accountIndex = ctx.related('Contact.AccountId', 'Account', index, 0.05);
    const first = rng.pick(WordLists.firstNames);
    const last = trickyText(rng, rng.pick(WordLists.lastNames), ctx.trickyRate);
    const firstName = rng.chance(0.95) ? first : null;
    return {
      AccountId: accountIndex === null ? null : ctx.idOf('Account', accountIndex),
      Salutation: rng.chance(0.5) ? rng.pick(salutations) : null,
      FirstName: firstName,
      LastName: last,
      Title: rng.chance(0.7) ? trickyText(rng, rng.pick(WordLists.titles), ctx.trickyRate) : null,
      Email: rng.chance(0.85) ? `${first.toLowerCase()}.${index + 1}@example.com` : null,
      Phone: rng.chance(0.6) ? `+44 20 ${rng.between(1000, 9999)} ${rng.between(1000, 9999)}` : null,
      Birthdate: rng.chance(0.3) ? SalesforceDate.toDate(Date.UTC(1950, 0, 1) + rng.int(18_000) * SalesforceDate.dayMs) : null,
      MailingCity: rng.chance(0.7) ? rng.pick(WordLists.cities) : null,
      MailingCountry: rng.chance(0.7) ? rng.pick(WordLists.countries) : null,
      LeadSource: rng.chance(0.5) ? rng.pick(leadSources) : null,
      HasOptedOutOfEmail: rng.chance(0.1),
      Description: rng.chance(0.2) ? trickyText(rng, `Met at ${rng.pick(WordLists.cities)} ${rng.pick(WordLists.words)} event`, ctx.trickyRate * 2) : null,
    };
  },
  derive(values) {
    const first = values['FirstName'];
    const last = values['LastName'];
    values['Name'] = [first, last].filter((part) => typeof part === 'string' && part !== '').join(' ');
  },
};
