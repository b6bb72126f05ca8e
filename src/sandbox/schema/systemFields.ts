import { defineField } from './defineField.ts';
import type { FieldDefinition } from './fieldDefinition.ts';

/**
 * The system fields of an object: `Id`, `IsDeleted` (when the object can be
 * deleted), `OwnerId` (when `withOwner`), and the audit fields.
 */
export function systemFields(options: { withOwner: boolean; deletable: boolean }): FieldDefinition[] {
  const readOnly = { createable: false, updateable: false } as const;
  const fields: FieldDefinition[] = [
    defineField({ name: 'Id', label: 'Record ID', type: 'id', nillable: false, ...readOnly, defaultedOnCreate: true }),
  ];
  if (options.deletable) {
    fields.push(defineField({ name: 'IsDeleted', label: 'Deleted', type: 'boolean', ...readOnly }));
  }
  if (options.withOwner) {
    fields.push(
      defineField({
        name: 'OwnerId',
        label: 'Owner ID',
        type: 'reference',
        referenceTo: ['User'],
        relationshipName: 'Owner',
        nillable: false,
        defaultedOnCreate: true,
      }),
    );
  }
  fields.push(
    defineField({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false, ...readOnly, defaultedOnCreate: true }),
    defineField({ name: 'CreatedById', label: 'Created By ID', type: 'reference', referenceTo: ['User'], relationshipName: 'CreatedBy', nillable: false, ...readOnly, defaultedOnCreate: true }),
    defineField({ name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', nillable: false, ...readOnly, defaultedOnCreate: true }),
    defineField({ name: 'LastModifiedById', label: 'Last Modified By ID', type: 'reference', referenceTo: ['User'], relationshipName: 'LastModifiedBy', nillable: false, ...readOnly, defaultedOnCreate: true }),
    defineField({ name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', nillable: false, ...readOnly, defaultedOnCreate: true }),
  );
  return fields;
}
