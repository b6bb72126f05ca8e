import { SalesforceRequestRejectedError } from '../../src/salesforce/index.ts';

/** One condition of a fake SOQL `WHERE` (joined by `AND`). */
export type FakeCondition =
  | { field: string; operator: '=' | '!=' | '>' | '>=' | '<' | '<='; value: string | number | boolean | null }
  | { field: string; operator: 'IN'; values: (string | number)[] };

/** A SOQL query as the fake understands it. */
export interface FakeQuery {
  object: string;
  /** Selected fields; `null` for `SELECT COUNT()`. */
  fields: string[] | null;
  where: FakeCondition[];
  limit: number | null;
}

const QUERY = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+Id(?:\s+ASC)?)?(?:\s+LIMIT\s+(\d+))?\s*$/is;
const CONDITION = /^(\w+)\s*(=|!=|>=|<=|>|<)\s*(.+)$/s;
const IN_CONDITION = /^(\w+)\s+IN\s*\((.*)\)$/is;

/**
 * Parses the subset of SOQL longhaul sends: `SELECT a, b | COUNT() FROM X [WHERE c AND c ...] [ORDER BY Id] [LIMIT n]`,
 * conditions `field op literal` and `field IN (literals)`, literals quoted strings, numbers, `true`/`false`/`null`
 * and datetimes. Anything else is `MALFORMED_QUERY`, so a test sees at once that the fake needs to learn it.
 */
export function parseFakeSoql(soql: string): FakeQuery {
  const m = QUERY.exec(soql.trim());
  if (m === null) throw malformed(soql);
  const [, select, object, where, limit] = m as unknown as [string, string, string, string | undefined, string | undefined];
  const fields = /^COUNT\(\s*\)$/i.test(select.trim()) ? null : select.split(',').map((f) => f.trim());
  if (fields !== null && fields.some((f) => !/^\w+$/.test(f))) throw malformed(soql);
  return { object, fields, where: where === undefined ? [] : splitAnd(where).map((c) => condition(c, soql)), limit: limit === undefined ? null : Number(limit) };
}

function splitAnd(where: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < where.length; i++) {
    const ch = where[i]!;
    if (ch === "'" && where[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && /^\s+AND\s+/i.test(where.slice(i)) && /\s/.test(ch)) {
      parts.push(current);
      current = '';
      i += /^\s+AND\s+/i.exec(where.slice(i))![0].length - 1;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function condition(text: string, soql: string): FakeCondition {
  const inMatch = IN_CONDITION.exec(text);
  if (inMatch !== null) {
    const values = inMatch[2]!.split(',').map((v) => literal(v.trim(), soql));
    if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) throw malformed(soql);
    return { field: inMatch[1]!, operator: 'IN', values: values as (string | number)[] };
  }
  const m = CONDITION.exec(text);
  if (m === null) throw malformed(soql);
  return { field: m[1]!, operator: m[2] as '=', value: literal(m[3]!.trim(), soql) };
}

function literal(text: string, soql: string): string | number | boolean | null {
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^null$/i.test(text)) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text)) return text;
  throw malformed(soql);
}

function malformed(soql: string): SalesforceRequestRejectedError {
  return new SalesforceRequestRejectedError(`the fake Salesforce client cannot read: ${soql}`, 'MALFORMED_QUERY');
}

/** Whether `value` (a stored field value) passes `condition`; datetimes compare as instants, Ids also by their 15-character form. */
export function matchesCondition(value: unknown, condition: FakeCondition): boolean {
  if (condition.operator === 'IN') return condition.values.some((v) => equal(value, v));
  const wanted = condition.value;
  switch (condition.operator) {
    case '=':
      return equal(value, wanted);
    case '!=':
      return !equal(value, wanted);
    default: {
      if (value === null || value === undefined || wanted === null) return false;
      const order = compare(value, wanted);
      return condition.operator === '>' ? order > 0 : condition.operator === '>=' ? order >= 0 : condition.operator === '<' ? order < 0 : order <= 0;
    }
  }
}

function equal(value: unknown, wanted: unknown): boolean {
  if (wanted === null) return value === null || value === undefined;
  if (typeof value === 'string' && typeof wanted === 'string' && isId(value) && isId(wanted)) return value.slice(0, 15) === wanted.slice(0, 15);
  return compare(value, wanted) === 0;
}

function compare(value: unknown, wanted: unknown): number {
  const asTime = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v.replace(/\+0000$/, 'Z')) : NaN);
  const [a, b] = [asTime(value), asTime(wanted)];
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  if (typeof value === 'number' && typeof wanted === 'number') return value - wanted;
  const [x, y] = [String(value), String(wanted)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Looks like a Salesforce Id: 15 or 18 letters and digits, some of them digits. */
function isId(text: string): boolean {
  return /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(text) && /\d/.test(text);
}
