import type { Options } from 'csv-stringify';

/**
 * Values that RFC 4180 readers (Python's `csv`, spreadsheets, `csv-parse`) can only read back when quoted:
 * a CR or LF anywhere (a bare LF inside an unquoted field ends the record for every reader, not only CRLF),
 * a quote, the delimiter, and leading or trailing whitespace (which some readers trim).
 * csv-stringify quotes the delimiter, quotes and the record delimiter (CRLF) by itself, not a bare CR or LF.
 */
export const NEEDS_QUOTES = /[\r\n",]|^\s|\s$/;

/** First characters a spreadsheet reads as the start of a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell a spreadsheet would evaluate as a formula, as OWASP describes: a value starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading single quote, which spreadsheets show as text.
 */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Options of {@link exportCsvOptions}. */
export interface ExportCsvDialect {
  /** Column headers, in order. */
  headers: string[];
  /** Neutralise formula-like text cells ({@link spreadsheetSafe}); default false (values exactly as backed up). */
  spreadsheetSafe?: boolean;
}

/**
 * csv-stringify options of the export dialect: RFC 4180 (comma, `"` doubled inside quotes, CRLF between records,
 * header row), every value that needs quotes quoted ({@link NEEDS_QUOTES}), an empty string written as `""`
 * and a null as nothing, so the two stay apart; booleans `true`/`false`, dates ISO 8601, objects as JSON.
 * The export job writes the same bytes with `ExportCsvFormatter` (a row costs it a fraction of what it costs
 * csv-stringify); the tests and the bench hold the two to each other.
 */
export function exportCsvOptions(dialect: ExportCsvDialect): Options {
  const text = dialect.spreadsheetSafe === true ? spreadsheetSafe : (value: string) => value;
  return {
    header: true,
    columns: dialect.headers,
    delimiter: ',',
    quote: '"',
    escape: '"',
    record_delimiter: 'windows',
    quoted_match: NEEDS_QUOTES,
    cast: {
      // An empty string (only) is quoted: csv-stringify's `quoted_empty` would quote a null as well.
      string: (value) => (value === '' ? { value, quoted_string: true } : text(value)),
      boolean: (value) => (value ? 'true' : 'false'),
      object: (value) => text(JSON.stringify(value)),
      date: (value) => value.toISOString(),
    },
  };
}
