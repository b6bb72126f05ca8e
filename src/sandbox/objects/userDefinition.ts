import { WordLists } from '../data/wordLists.ts';
import { defineField } from '../schema/defineField.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { systemFields } from '../schema/systemFields.ts';

/** Number of users every org has; user 0 is the org's login user. */
export const userCount = 5;

/** User (key prefix 005), read-only: the org's login user and a few colleagues who own records. */
export const userDefinition: SObjectDefinition = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  custom: false,
  queryable: true,
  replicateable: true,
  retrieveable: true,
  createable: false,
  updateable: false,
  deletable: false,
  undeletable: false,
  searchable: true,
  sizeWeight: 0,
  fixedCount: userCount,
  fields: [
    ...systemFields({ withOwner: false, deletable: false }),
    defineField({ name: 'Username', type: 'string', length: 80, nillable: false, unique: true, createable: false }),
    defineField({ name: 'FirstName', type: 'string', length: 40, createable: false }),
    defineField({ name: 'LastName', type: 'string', length: 80, nillable: false, createable: false }),
    defineField({ name: 'Name', label: 'Full Name', type: 'string', length: 121, createable: false, nameField: true }),
    defineField({ name: 'Email', type: 'email', nillable: false, createable: false }),
    defineField({ name: 'Alias', type: 'string', length: 8, nillable: false, createable: false }),
    defineField({ name: 'IsActive', label: 'Active', type: 'boolean', createable: false }),
  ],
  generate(ctx) {
    const { rng, index } = ctx;
    const own = index === 0;
    const firstName = own ? ctx.orgUser.firstName : rng.pick(WordLists.firstNames);
    const lastName = own ? ctx.orgUser.lastName : rng.pick(WordLists.lastNames);
    const domain = ctx.orgUser.username.split('@')[1] ?? 'sandbox.longhaul';
    const username = own ? ctx.orgUser.username : `user${index}@${domain}`;
    return {
      Username: username,
      FirstName: firstName,
      LastName: lastName,
      Name: `${firstName} ${lastName}`,
      Email: own ? ctx.orgUser.username : `user${index}@example.com`,
      Alias: `${firstName.slice(0, 1)}${lastName.replace(/[^A-Za-z]/g, '').slice(0, 4)}`.toLowerCase(),
      IsActive: own || rng.chance(0.8),
    };
  },
};
