import { RecoveryFailedError, RecoveryFailureCode } from '../errors/index.ts';
import type { DescribedObject } from '../describedObject.ts';
import { isRestorableFieldType } from '../unrestorableFieldTypes.ts';

/** One CSV column: a field of the record, or a field of the record a lookup points at (`Account.Name`). */
export type CsvColumn =
  | { header: string; kind: 'field'; field: string }
  | { header: string; kind: 'relationship'; lookupField: string; parentObject: string; parentField: string };

/** Thrown for a column the object does not have; no retry fixes it. */
export class UnknownColumnError extends RecoveryFailedError {
  override readonly name = 'UnknownColumnError';

  constructor(message: string) {
    super(RecoveryFailureCode.UnknownColumn, message);
  }
}

/**
 * The columns of an export: the requested ones, or every field the backup holds (describe order).
 * `Relationship.Field` names a lookup by its relationship name (`Account`, `Owner`, `Account__r`)
 * and a field of the parent object, which must be in the backup too.
 */
export function csvColumns(source: DescribedObject, requested: readonly string[] | undefined, parentDescribe: (object: string) => DescribedObject | null): CsvColumn[] {
  if (requested === undefined) {
    return [...source.fields.values()].filter((f) => isRestorableFieldType(f.type)).map((f) => ({ header: f.name, kind: 'field', field: f.name }));
  }
  return requested.map((path): CsvColumn => {
    const [first, second] = path.split('.') as [string, string | undefined];
    if (second === undefined) {
      if (!source.fields.has(first)) throw new UnknownColumnError(`${source.name} has no field ${first}`);
      return { header: first, kind: 'field', field: first };
    }
    const lookup = [...source.fields.values()].find((f) => f.type === 'reference' && f.relationshipName === first);
    if (lookup === undefined) throw new UnknownColumnError(`${source.name} has no relationship ${first}`);
    const parentObject = lookup.referenceTo.find((o) => parentDescribe(o) !== null);
    if (parentObject === undefined) throw new UnknownColumnError(`${path}: the backup holds none of ${lookup.referenceTo.join(', ')}`);
    if (!parentDescribe(parentObject)!.fields.has(second)) throw new UnknownColumnError(`${parentObject} has no field ${second}`);
    return { header: path, kind: 'relationship', lookupField: lookup.name, parentObject, parentField: second };
  });
}
