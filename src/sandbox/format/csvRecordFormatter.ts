import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { FieldValue, RecordValues } from '../schema/recordValues.ts';
import { SalesforceDate } from './salesforceDate.ts';

/** Bulk 2.0 column delimiters by their job names. */
export const columnDelimiters = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
} as const;

/** A Bulk 2.0 `columnDelimiter` name. */
export type ColumnDelimiterName = keyof typeof columnDelimiters;

/** How CSV is written for one job. */
export interface CsvDialect {
  readonly delimiter: string;
  readonly lineEnding: '\n' | '\r\n';
}

/** The dialect of a job created with these Bulk 2.0 `columnDelimiter` and `lineEnding` settings. */
export function csvDialect(columnDelimiter: ColumnDelimiterName, lineEnding: 'LF' | 'CRLF'): CsvDialect {
  return { delimiter: columnDelimiters[columnDelimiter], lineEnding: lineEnding === 'CRLF' ? '\r\n' : '\n' };
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The CSV text of one stored value (null: empty; datetimes `...000Z`). */
export function toCsvText(field: FieldDefinition, value: FieldValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (field.type === 'datetime' && typeof value === 'number') return SalesforceDate.toCsvDateTime(value);
  return String(value);
}

/** The header line of a Bulk 2.0 query result (every name quoted, as Salesforce writes it). */
export function csvHeaderLine(names: readonly string[], dialect: CsvDialect): string {
  return names.map(quote).join(dialect.delimiter) + dialect.lineEnding;
}

/** One Bulk 2.0 query result line: values quoted, nulls empty. */
export function csvRecordLine(fields: readonly FieldDefinition[], values: RecordValues, dialect: CsvDialect): string {
  let line = '';
  for (let i = 0; i < fields.length; i += 1) {
    const field = fields[i] as FieldDefinition;
    if (i > 0) line += dialect.delimiter;
    const value = values[field.name];
    if (value !== null && value !== undefined) line += quote(toCsvText(field, value));
  }
  return line + dialect.lineEnding;
}

/** A CSV line of plain text cells (used for ingest results), quoting every cell. */
export function csvTextLine(cells: readonly string[], dialect: CsvDialect): string {
  return cells.map(quote).join(dialect.delimiter) + dialect.lineEnding;
}
