import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { FieldValue, RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import { SalesforceDate } from './salesforceDate.ts';

/** A record as REST JSON carries it. */
export type RestRecord = { attributes: { type: string; url: string } } & Record<string, unknown>;

/** The REST JSON form of one stored value of `field`. */
export function toRestValue(field: FieldDefinition, value: FieldValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (field.type === 'datetime' && typeof value === 'number') return SalesforceDate.toRestDateTime(value);
  return value;
}

/**
 * Formats a record for REST responses: `attributes` (`type`, `url`) first,
 * then the requested fields in order, datetimes as `...000+0000`.
 */
export function toRestRecord(def: SObjectDefinition, fields: readonly FieldDefinition[], values: RecordValues, version: string): RestRecord {
  const record: RestRecord = {
    attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${String(values['Id'])}` },
  };
  for (const field of fields) record[field.name] = toRestValue(field, values[field.name]);
  return record;
}
