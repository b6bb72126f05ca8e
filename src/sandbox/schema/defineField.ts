import type { FieldDefinition } from './fieldDefinition.ts';
import type { FieldType } from './fieldType.ts';

/** What {@link defineField} needs; everything but `name` and `type` has a default. */
export type FieldSpec = Pick<FieldDefinition, 'name' | 'type'> & Partial<Omit<FieldDefinition, 'name' | 'type'>>;

const defaultLengths: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 32000,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
};

/**
 * Builds a {@link FieldDefinition} from a short spec. Defaults: label from the
 * name, nillable, createable and updateable true, length by type (255 for
 * strings), precision 18 / scale 2 for currency, everything else false or empty.
 */
export function defineField(spec: FieldSpec): FieldDefinition {
  const isNumber = spec.type === 'currency' || spec.type === 'double' || spec.type === 'percent' || spec.type === 'int';
  const nillable = spec.nillable ?? (spec.type !== 'boolean');
  const createable = spec.createable ?? true;
  const defaultedOnCreate = spec.defaultedOnCreate ?? spec.type === 'boolean';
  return {
    name: spec.name,
    label: spec.label ?? spec.name.replace(/__c$/, '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'),
    type: spec.type,
    length: spec.length ?? defaultLengths[spec.type] ?? 0,
    precision: spec.precision ?? (isNumber ? (spec.type === 'int' ? 9 : 18) : 0),
    scale: spec.scale ?? (spec.type === 'currency' || spec.type === 'double' ? 2 : 0),
    nillable,
    createable,
    updateable: spec.updateable ?? createable,
    defaultedOnCreate,
    referenceTo: spec.referenceTo ?? [],
    relationshipName: spec.relationshipName ?? null,
    externalId: spec.externalId ?? false,
    unique: spec.unique ?? false,
    idLookup: spec.idLookup ?? (spec.type === 'id' || spec.externalId === true),
    nameField: spec.nameField ?? false,
    autoNumber: spec.autoNumber ?? false,
    calculated: spec.calculated ?? false,
    custom: spec.custom ?? spec.name.endsWith('__c'),
    filterable: spec.filterable ?? (spec.type !== 'textarea'),
    sortable: spec.sortable ?? (spec.type !== 'textarea'),
    picklistValues: spec.picklistValues ?? [],
    restrictedPicklist: spec.restrictedPicklist ?? false,
    required: spec.required ?? (!nillable && createable && !defaultedOnCreate),
  };
}
