import type { ReferenceContext, ReferenceResolver } from './referenceResolver.ts';

/** A record to send, and the lookups it had to leave empty. */
export interface RecordPayload {
  values: Record<string, unknown>;
  /** Lookup fields whose source value has no target Id (left out). */
  unmapped: string[];
}

/**
 * Builds what is sent for one backed-up record: the plan's fields for the operation, lookups
 * resolved to target Ids, deferred lookups left out (the second pass writes them). On create an
 * empty value is left out (Salesforce's default applies); on update it is sent as `null` to clear.
 */
export function buildPayload(
  record: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  deferred: ReadonlySet<string>,
  operation: 'create' | 'update',
  resolver: ReferenceResolver,
  refs: ReferenceContext,
): RecordPayload {
  const values: Record<string, unknown> = {};
  const unmapped: string[] = [];
  for (const field of fields) {
    if (deferred.has(field) || !(field in record)) continue;
    const value = record[field];
    if (value === null || value === undefined || value === '') {
      if (operation === 'update') values[field] = null;
      continue;
    }
    if (resolver.isReference(field)) {
      const resolved = resolver.resolve(field, String(value), refs);
      if (resolved.kind === 'unmapped') unmapped.push(field);
      // A dry run's planned parent has no Id yet: its placeholder keeps the payload's shape.
      else values[field] = resolved.value ?? `planned:${String(value)}`;
      continue;
    }
    values[field] = value;
  }
  return { values, unmapped };
}
