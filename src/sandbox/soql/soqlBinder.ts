import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import type { SObjectCatalog } from '../objects/sobjectCatalog.ts';
import { SalesforceId } from '../org/salesforceId.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import { isNumericFieldType, isTextualFieldType } from '../schema/fieldType.ts';
import type { FieldValue, RecordValues } from '../schema/recordValues.ts';
import type { BoundOrder, BoundQuery, DatetimeBound } from './boundQuery.ts';
import type { SoqlCondition, SoqlFieldRef, SoqlLiteral, SoqlQuery } from './soqlAst.ts';
import { soqlErrorMessage } from './soqlErrorMessage.ts';

type Predicate = (values: RecordValues) => boolean;

const soapTypeNames: Record<string, string> = { datetime: 'dateTime', date: 'date', boolean: 'boolean', int: 'int', double: 'double', currency: 'double', percent: 'double' };

function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] ?? '';
    if (ch === '\\' && i + 1 < pattern.length) {
      source += (pattern[i + 1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    } else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** Orders two non-null values of one field type (text case-insensitively). */
export function compareFieldValues(a: FieldValue, b: FieldValue, textual: boolean): number {
  if (textual) {
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}

/**
 * Checks a parsed query against the catalog like Salesforce does
 * (`INVALID_TYPE` for unknown or non-queryable objects, `INVALID_FIELD` for
 * unknown fields, mistyped filter values, unfilterable or unsortable fields)
 * and compiles it into a {@link BoundQuery}.
 */
export function bindSoql(query: SoqlQuery, catalog: SObjectCatalog): BoundQuery {
  const text = query.text;
  const def = catalog.find(query.from.name);
  if (!def || !def.queryable) {
    const detail = def
      ? `entity type ${def.name} does not support query`
      : `sObject type '${query.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
    throw new SalesforceApiError(SalesforceErrorCode.INVALID_TYPE, soqlErrorMessage(text, query.from.offset, detail));
  }
  const resolve = (ref: SoqlFieldRef): FieldDefinition => {
    const field = ref.name.includes('.') ? undefined : catalog.findField(def, ref.name);
    if (!field) {
      const detail = ref.name.includes('.')
        ? `Didn't understand relationship '${ref.name.split('.')[0]}' in field path. The sandbox org does not support relationship fields.`
        : `No such column '${ref.name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
      throw new SalesforceApiError(SalesforceErrorCode.INVALID_FIELD, soqlErrorMessage(text, ref.offset, detail));
    }
    return field;
  };
  const invalidField = (offset: number, detail: string): never => {
    throw new SalesforceApiError(SalesforceErrorCode.INVALID_FIELD, soqlErrorMessage(text, offset, detail));
  };

  const counts = query.select.filter((item) => item.type === 'count');
  if (counts.length > 0 && query.select.length > 1) {
    throw new SalesforceApiError(SalesforceErrorCode.MALFORMED_QUERY, soqlErrorMessage(text, query.from.offset, 'COUNT() must be the only element in the SELECT list'));
  }
  const countItem = counts[0];
  const fields: FieldDefinition[] = [];
  for (const item of query.select) {
    if (item.type === 'field') {
      const field = resolve(item.field);
      if (!fields.includes(field)) fields.push(field);
    }
  }
  const aggregateField = countItem?.type === 'count' && countItem.field ? resolve(countItem.field) : null;

  const checkLiteral = (field: FieldDefinition, literal: SoqlLiteral, offset: number): FieldValue => {
    if (literal.kind === 'null') return null;
    const typeName = soapTypeNames[field.type] ?? 'string';
    const bad = (): never => invalidField(offset, literal.kind === 'string' && typeName !== 'string'
      ? `value of filter criterion for field '${field.name}' must be of type ${typeName} and should not be enclosed in quotes`
      : `value of filter criterion for field '${field.name}' must be of type ${typeName}${typeName === 'string' ? ' and should be enclosed in quotes' : ''}`);
    switch (field.type) {
      case 'datetime':
        return literal.kind === 'datetime' ? literal.value : bad();
      case 'date':
        return literal.kind === 'date' ? literal.value : bad();
      case 'boolean':
        return literal.kind === 'boolean' ? literal.value : bad();
      default:
        if (isNumericFieldType(field.type)) return literal.kind === 'number' ? literal.value : bad();
        if (literal.kind !== 'string') return bad();
        if (field.type === 'id' || field.type === 'reference') {
          if (!SalesforceId.isValid(literal.value)) {
            throw new SalesforceApiError(SalesforceErrorCode.INVALID_QUERY_FILTER_OPERATOR, soqlErrorMessage(text, offset, `invalid ID field: ${literal.value}`));
          }
          return SalesforceId.to18(literal.value);
        }
        return literal.value;
    }
  };

  const compile = (condition: SoqlCondition): Predicate => {
    switch (condition.type) {
      case 'and': {
        const parts = condition.operands.map(compile);
        return (v) => parts.every((p) => p(v));
      }
      case 'or': {
        const parts = condition.operands.map(compile);
        return (v) => parts.some((p) => p(v));
      }
      case 'not': {
        const inner = compile(condition.operand);
        return (v) => !inner(v);
      }
      case 'in': {
        const field = resolve(condition.field);
        if (!field.filterable) invalidField(condition.field.offset, `field '${field.name}' can not be filtered in a query call`);
        const textual = isTextualFieldType(field.type);
        const values = condition.values.map((lit) => checkLiteral(field, lit, condition.valueOffset));
        const keys = new Set(values.map((value) => (value === null ? null : textual ? String(value).toLowerCase() : value)));
        const name = field.name;
        return (v) => {
          const raw = v[name] ?? null;
          const key = raw === null ? null : textual ? String(raw).toLowerCase() : raw;
          return keys.has(key) !== condition.negated;
        };
      }
      case 'compare': {
        const field = resolve(condition.field);
        if (!field.filterable) invalidField(condition.field.offset, `field '${field.name}' can not be filtered in a query call`);
        const textual = isTextualFieldType(field.type);
        const name = field.name;
        if (condition.operator === 'LIKE') {
          if (!textual || condition.value.kind !== 'string') invalidField(condition.valueOffset, `invalid operator on field '${field.name}': LIKE`);
          const pattern = likeToRegExp(condition.value.kind === 'string' ? condition.value.value : '');
          return (v) => {
            const raw = v[name];
            return typeof raw === 'string' && pattern.test(raw);
          };
        }
        const expected = checkLiteral(field, condition.value, condition.valueOffset);
        const op = condition.operator;
        if (expected === null) {
          if (op !== '=' && op !== '!=') invalidField(condition.valueOffset, `invalid operator with null on field '${field.name}': ${op}`);
          return op === '=' ? (v) => (v[name] ?? null) === null : (v) => (v[name] ?? null) !== null;
        }
        return (v) => {
          const raw = v[name] ?? null;
          if (raw === null) return op === '!=';
          const c = compareFieldValues(raw, expected, textual);
          switch (op) {
            case '=':
              return c === 0;
            case '!=':
              return c !== 0;
            case '<':
              return c < 0;
            case '<=':
              return c <= 0;
            case '>':
              return c > 0;
            case '>=':
              return c >= 0;
            default: {
              const unreachable: never = op;
              return unreachable;
            }
          }
        };
      }
      default: {
        const unreachable: never = condition;
        return unreachable;
      }
    }
  };

  const predicate = query.where ? compile(query.where) : null;
  const conjuncts = query.where === null ? [] : query.where.type === 'and' ? query.where.operands : [query.where];
  let idRestriction: string[] | null = null;
  const datetimeBounds: DatetimeBound[] = [];
  for (const conjunct of conjuncts) {
    if (conjunct.type === 'in' && !conjunct.negated && resolve(conjunct.field).name === 'Id') {
      const ids = conjunct.values.map((lit) => checkLiteral(resolve(conjunct.field), lit, conjunct.valueOffset)).filter((v): v is string => typeof v === 'string');
      idRestriction = idRestriction ? idRestriction.filter((id) => ids.includes(id)) : ids;
    } else if (conjunct.type === 'compare') {
      const field = resolve(conjunct.field);
      if (field.name === 'Id' && conjunct.operator === '=' && conjunct.value.kind === 'string') {
        const id = checkLiteral(field, conjunct.value, conjunct.valueOffset) as string;
        idRestriction = idRestriction ? idRestriction.filter((x) => x === id) : [id];
      } else if (field.type === 'datetime' && conjunct.value.kind === 'datetime' && conjunct.operator !== '!=' && conjunct.operator !== 'LIKE') {
        datetimeBounds.push({ field: field.name, operator: conjunct.operator, value: conjunct.value.value });
      }
    }
  }
  const orderBy: BoundOrder[] = query.orderBy.map((item) => {
    const field = resolve(item.field);
    if (!field.sortable) invalidField(item.field.offset, `field '${field.name}' can not be sorted in a query call`);
    return { field, descending: item.descending, nullsFirst: item.nullsFirst ?? !item.descending };
  });
  if (query.offset !== null && query.offset > 2000) {
    throw new SalesforceApiError(SalesforceErrorCode.MALFORMED_QUERY, soqlErrorMessage(text, query.from.offset, 'Maximum SOQL offset allowed is 2000'));
  }
  return {
    soql: text,
    definition: def,
    shape: countItem ? (countItem.type === 'count' && countItem.field ? 'aggregate' : 'count') : 'records',
    fields,
    aggregateAlias: countItem?.type === 'count' && countItem.alias ? countItem.alias : 'expr0',
    aggregateField,
    predicate,
    orderBy,
    limit: query.limit,
    offset: query.offset ?? 0,
    idRestriction,
    datetimeBounds,
  };
}
