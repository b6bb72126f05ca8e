import { trickyText } from '../data/trickyText.ts';
import { WordLists } from '../data/wordLists.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import { defineField } from '../schema/defineField.ts';
import { FULL_ACCESS_FLAGS, type SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

const stages: ReadonlyArray<{ name: string; probability: number; closed: boolean; won: boolean }> = [
  { name: 'Prospecting', probability: 10, closed: false, won: false },
  { name: 'Qualification', probability: 20, closed: false, won: false },
  { name: 'Needs Analysis', probability: 30, closed: false, won: false },
  { name: 'Proposal/Price Quote', probability: 75, closed: false, won: false },
  { name: 'Negotiation/Review', probability: 90, closed: false, won: false },
  { name: 'Closed Won', probability: 100, closed: true, won: true },
  { name: 'Closed Lost', probability: 0, closed: true, won: false },
];
const types = ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Renewal'];

/** Opportunity (key prefix 006); `AccountId` looks up Account. */
export const opportunityDefinition: SObjectDefinition = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  custom: false,
  ...FULL_ACCESS_FLAGS,
  sizeWeight: 0.2,
  fixedCount: 0,
  fields: [
    ...systemFields({ withOwner: true, deletable: true }),
    defineField({ name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' }),
    defineField({ name: 'Name', type: 'string', length: 120, nillable: false, nameField: true }),
    defineField({ name: 'StageName', label: 'Stage', type: 'picklist', nillable: false, picklistValues: stages.map((s) => s.name), restrictedPicklist: true }),
    defineField({ name: 'CloseDate', type: 'date', nillable: false }),
    defineField({ name: 'Amount', type: 'currency' }),
    defineField({ name: 'Probability', label: 'Probability (%)', type: 'percent', precision: 3, scale: 0 }),
    defineField({ name: 'Type', label: 'Opportunity Type', type: 'picklist', picklistValues: types }),
    defineField({ name: 'NextStep', type: 'string' }),
    defineField({ name: 'Description', type: 'textarea' }),
    defineField({ name: 'IsClosed', label: 'Closed', type: 'boolean', createable: false, updateable: false, calculated: true }),
    defineField({ name: 'IsWon', label: 'Won', type: 'boolean', createable: false, updateable: false, calculated: true }),
  ],
  generate(ctx) {
    const { rng, index } = ctx;
    const accountIndex = ctx.related('Opportunity.AccountId', 'Account', index, 0.02);
    const stage = rng.pick(stages);
    return {
      AccountId: accountIndex === null ? null : ctx.idOf('Account', accountIndex),
      Name: trickyText(rng, `${rng.pick(WordLists.words)} ${rng.pick(WordLists.words)} #${index + 1}`, ctx.trickyRate),
      StageName: stage.name,
      CloseDate: SalesforceDate.toDate(ctx.anchorMs + (rng.int(720) - 540) * SalesforceDate.dayMs),
      Amount: rng.chance(0.9) ? rng.between(100, 2_000_000) + rng.int(100) / 100 : null,
      Probability: stage.probability,
      Type: rng.chance(0.7) ? rng.pick(types) : null,
      NextStep: rng.chance(0.3) ? trickyText(rng, `Call about ${rng.pick(WordLists.words)}`, ctx.trickyRate) : null,
      Description: rng.chance(0.2) ? trickyText(rng, `${rng.pick(WordLists.words)} opportunity`, ctx.trickyRate * 2) : null,
    };
  },
  derive(values) {
    const stage = stages.find((s) => s.name === values['StageName']);
    values['IsClosed'] = stage?.closed ?? false;
    values['IsWon'] = stage?.won ?? false;
  },
};
