import { defineField } from '../schema/defineField.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';

/**
 * AggregateResult: listed by describeGlobal like in a real org but neither
 * queryable nor replicateable, so backups learn to skip such objects.
 */
export const aggregateResultDefinition: SObjectDefinition = {
  name: 'AggregateResult',
  label: 'Aggregate Result',
  labelPlural: 'Aggregate Result',
  keyPrefix: null,
  custom: false,
  queryable: false,
  replicateable: false,
  retrieveable: false,
  createable: false,
  updateable: false,
  deletable: false,
  undeletable: false,
  searchable: false,
  sizeWeight: 0,
  fixedCount: 0,
  fields: [defineField({ name: 'Id', label: 'Record ID', type: 'id', nillable: false, createable: false })],
  generate() {
    return {};
  },
};
