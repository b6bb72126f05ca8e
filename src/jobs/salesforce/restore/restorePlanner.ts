import { SkippedFieldReason, WriteMethod, type RestorePlanObject } from '../../../storage/index.ts';
import type { DescribedField, DescribedObject } from '../describedObject.ts';
import { isRestorableFieldType } from '../unrestorableFieldTypes.ts';
import type { LookupEdge } from './dependencyOrder.ts';

/** Objects whose Ids a restore maps through a mapping (owners, record types) rather than by restoring them. */
export const MAPPED_REFERENCE_TARGETS = { owner: 'User', recordType: 'RecordType' } as const;

/** The lookups of `source` that a restore of `objects` writes (to restored objects, owners and record types aside). */
export function lookupEdges(source: DescribedObject, target: DescribedObject | null): LookupEdge[] {
  const edges: LookupEdge[] = [];
  for (const field of source.fields.values()) {
    const written = target?.fields.get(field.name);
    if (field.type !== 'reference' || written === undefined || !(written.createable || written.updateable)) continue;
    for (const parent of field.referenceTo) edges.push({ object: source.name, field: field.name, parent });
  }
  return edges;
}

/** The static part of an object's plan: which fields are written on create and update, which are skipped. */
export function planObjectFields(
  source: DescribedObject,
  target: DescribedObject,
  deferredFields: ReadonlySet<string>,
): Pick<RestorePlanObject, 'createFields' | 'updateFields' | 'deferredFields' | 'skippedFields'> {
  const createFields: string[] = [];
  const updateFields: string[] = [];
  const skippedFields: RestorePlanObject['skippedFields'] = [];
  for (const field of source.fields.values()) {
    const written: DescribedField | undefined = target.fields.get(field.name);
    if (!isRestorableFieldType(field.type)) skippedFields.push({ name: field.name, reason: SkippedFieldReason.NotRestorable });
    else if (written === undefined) skippedFields.push({ name: field.name, reason: SkippedFieldReason.MissingInTarget });
    else if (!written.createable && !written.updateable) skippedFields.push({ name: field.name, reason: SkippedFieldReason.ReadOnly });
    else {
      if (written.createable) createFields.push(field.name);
      if (written.updateable) updateFields.push(field.name);
    }
  }
  return { createFields, updateFields, deferredFields: [...deferredFields].filter((f) => createFields.includes(f) || updateFields.includes(f)), skippedFields };
}

/** Collections for up to `bulkThreshold` records, Bulk 2.0 ingest above. */
export function writeMethodFor(records: number, bulkThreshold: number): WriteMethod {
  return records > bulkThreshold ? WriteMethod.Bulk : WriteMethod.Collections;
}
