import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';

/** A range restriction on a datetime field taken from a top-level AND of the WHERE clause. */
export interface DatetimeBound {
  readonly field: string;
  readonly operator: '=' | '<' | '<=' | '>' | '>=';
  readonly value: number;
}

/** One resolved ORDER BY item. */
export interface BoundOrder {
  readonly field: FieldDefinition;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/**
 * A SOQL query checked against an object's schema: canonical fields, a
 * compiled predicate and what the planner may use to avoid scanning
 * generated records.
 */
export interface BoundQuery {
  readonly soql: string;
  readonly definition: SObjectDefinition;
  /** `records`: a field list; `count`: `SELECT COUNT()`; `aggregate`: `COUNT(field)`. */
  readonly shape: 'records' | 'count' | 'aggregate';
  /** Projected fields, in query order (for `records`). */
  readonly fields: readonly FieldDefinition[];
  /** Alias of the `COUNT(field)` column (`expr0` by default). */
  readonly aggregateAlias: string;
  /** Field counted by `COUNT(field)` (non-null values only), or null. */
  readonly aggregateField: FieldDefinition | null;
  /** Compiled WHERE clause, or null when there is none. */
  readonly predicate: ((values: RecordValues) => boolean) | null;
  readonly orderBy: readonly BoundOrder[];
  readonly limit: number | null;
  readonly offset: number;
  /** Ids the query is restricted to by a top-level `Id = ...` or `Id IN (...)`, if any. */
  readonly idRestriction: readonly string[] | null;
  /** Top-level datetime bounds (ANDed with the rest). */
  readonly datetimeBounds: readonly DatetimeBound[];
}
