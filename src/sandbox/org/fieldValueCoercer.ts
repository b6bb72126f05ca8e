import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { FieldValue } from '../schema/recordValues.ts';
import type { RecordSaveError } from './recordSaveError.ts';
import { SalesforceId } from './salesforceId.ts';

/** The outcome of coercing one input value: the stored value, or the error Salesforce would give. */
export type CoercionResult = { readonly ok: true; readonly value: FieldValue } | { readonly ok: false; readonly error: RecordSaveError };

function fail(field: FieldDefinition, code: SalesforceErrorCode, message: string): CoercionResult {
  return { ok: false, error: { statusCode: code, message, fields: [field.name] } };
}

function parseError(field: FieldDefinition, raw: unknown, type: string): CoercionResult {
  return fail(field, SalesforceErrorCode.JSON_PARSER_ERROR, `Cannot deserialize instance of ${type} from VALUE_STRING value ${String(raw)} or request may be missing a required field`);
}

/**
 * Turns a value from a JSON body or a CSV cell into the form the sandbox
 * stores for `field`, the way Salesforce accepts it: numbers and booleans
 * from their text too, dates as `YYYY-MM-DD`, datetimes as ISO text, Ids in
 * 15- or 18-character form. Reference existence is checked by the writer.
 */
export function coerceFieldValue(field: FieldDefinition, raw: unknown): CoercionResult {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist': {
      if (typeof raw === 'object') return parseError(field, JSON.stringify(raw), 'string');
      const text = String(raw);
      if (text.length > field.length) {
        return fail(field, SalesforceErrorCode.STRING_TOO_LONG, `${field.label}: data value too large: ${text.slice(0, 40)} (max length=${field.length})`);
      }
      if (field.type === 'picklist' && field.restrictedPicklist) {
        const match = field.picklistValues.find((v) => v.toLowerCase() === text.toLowerCase());
        if (!match) return fail(field, SalesforceErrorCode.INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, `${field.label}: bad value for restricted picklist field: ${text}`);
        return { ok: true, value: match };
      }
      return { ok: true, value: text === '' ? null : text };
    }
    case 'id':
    case 'reference': {
      const text = String(raw).trim();
      if (text === '') return { ok: true, value: null };
      if (!SalesforceId.isValid(text)) return fail(field, SalesforceErrorCode.MALFORMED_ID, `${field.label}: id value of incorrect type: ${text}`);
      return { ok: true, value: SalesforceId.to18(text) };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const text = String(raw).trim().toLowerCase();
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return parseError(field, raw, 'boolean');
    }
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(value)) return parseError(field, raw, field.type === 'int' ? 'int' : 'double');
      if (field.type === 'int' && !Number.isInteger(value)) return parseError(field, raw, 'int');
      return { ok: true, value };
    }
    case 'date': {
      const text = String(raw).trim();
      const date = text.length > 10 ? text.slice(0, 10) : text;
      if (!SalesforceDate.isDate(date)) return parseError(field, raw, 'date');
      return { ok: true, value: date };
    }
    case 'datetime': {
      const ms = typeof raw === 'number' ? raw : SalesforceDate.parseDateTime(String(raw));
      if (!Number.isFinite(ms)) return parseError(field, raw, 'datetime');
      return { ok: true, value: ms };
    }
    default: {
      const unreachable: never = field.type;
      return unreachable;
    }
  }
}
