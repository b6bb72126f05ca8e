import type { ExportFilterCondition } from '../../../storage/index.ts';

/** Whether a record passes every condition (values compare as text; `null` and empty are the same). */
export function matchesFilter(record: Readonly<Record<string, unknown>>, conditions: readonly ExportFilterCondition[]): boolean {
  return conditions.every((c) => {
    const raw = record[c.field];
    const value = raw === null || raw === undefined ? '' : String(raw);
    switch (c.operator) {
      case 'EQUALS':
        return value === (c.value ?? '');
      case 'NOT_EQUALS':
        return value !== (c.value ?? '');
      case 'CONTAINS':
        return value.includes(c.value ?? '');
      case 'IS_NULL':
        return value === '';
      case 'IS_NOT_NULL':
        return value !== '';
      default: {
        const unreachable: never = c.operator;
        throw new Error(`unknown operator ${String(unreachable)}`);
      }
    }
  });
}
