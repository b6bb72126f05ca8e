/** A column of a {@link textTable}: its header and how to read a row's cell. */
export interface TextColumn<T> {
  title: string;
  value: (row: T) => string;
}

/**
 * Rows as a plain-text table with a header line, columns padded to their widest cell and separated by two spaces;
 * the last column is not padded (no trailing spaces). Line breaks inside a cell become spaces.
 */
export function textTable<T>(columns: readonly TextColumn<T>[], rows: readonly T[]): string {
  const cells = [columns.map((c) => c.title), ...rows.map((row) => columns.map((c) => c.value(row).replace(/\s*\n\s*/g, ' ')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}
