/**
 * Formats a SOQL error the way Salesforce does: the query, a caret under the
 * offending position, `ERROR at Row:r:Column:c`, then the detail.
 */
export function soqlErrorMessage(text: string, offset: number, detail: string): string {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  const row = lines.length;
  const column = (lines[lines.length - 1]?.length ?? 0) + 1;
  const line = text.split('\n')[row - 1] ?? '';
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${detail}`;
}
