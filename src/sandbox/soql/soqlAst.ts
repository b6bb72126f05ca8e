/** A literal in a SOQL condition. Datetimes carry epoch ms, dates `YYYY-MM-DD`. */
export type SoqlLiteral =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'datetime'; readonly value: number }
  | { readonly kind: 'date'; readonly value: string };

/** A field reference with its position in the query text (0-based offset). */
export interface SoqlFieldRef {
  readonly name: string;
  readonly offset: number;
}

/** Comparison operators of SOQL. */
export type SoqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

/** A SOQL condition tree. */
export type SoqlCondition =
  | { readonly type: 'and' | 'or'; readonly operands: readonly SoqlCondition[] }
  | { readonly type: 'not'; readonly operand: SoqlCondition }
  | { readonly type: 'compare'; readonly field: SoqlFieldRef; readonly operator: SoqlOperator; readonly value: SoqlLiteral; readonly valueOffset: number }
  | { readonly type: 'in'; readonly field: SoqlFieldRef; readonly negated: boolean; readonly values: readonly SoqlLiteral[]; readonly valueOffset: number };

/** One item of the select list. */
export type SoqlSelectItem =
  | { readonly type: 'field'; readonly field: SoqlFieldRef }
  | { readonly type: 'count'; readonly field: SoqlFieldRef | null; readonly alias: string | null };

/** One ORDER BY item. */
export interface SoqlOrderItem {
  readonly field: SoqlFieldRef;
  readonly descending: boolean;
  /** Explicit NULLS FIRST/LAST, else null (SOQL default: first when ascending, last when descending). */
  readonly nullsFirst: boolean | null;
}

/** A parsed SOQL query of the subset the sandbox supports. */
export interface SoqlQuery {
  readonly text: string;
  readonly select: readonly SoqlSelectItem[];
  readonly from: SoqlFieldRef;
  readonly where: SoqlCondition | null;
  readonly orderBy: readonly SoqlOrderItem[];
  readonly limit: number | null;
  readonly offset: number | null;
}
