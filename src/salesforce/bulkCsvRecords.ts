import { SalesforceUnavailableError } from './errors/index.ts';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;
const CSV_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?Z$/;

/** How a column's text becomes a value, by the field's describe type. */
type Conversion = 'text' | 'boolean' | 'number' | 'datetime';
const CONVERSIONS: ReadonlyMap<string, Conversion> = new Map([
  ['boolean', 'boolean'],
  ['int', 'number'],
  ['double', 'number'],
  ['currency', 'number'],
  ['percent', 'number'],
  ['long', 'number'],
  ['datetime', 'datetime'],
]);

/**
 * The records of one Bulk API 2.0 query result page (CSV, header line first), one at a time and
 * typed the way REST JSON types them, so a backup stores the same record whichever API read it:
 * empty cells are `null`, numbers and booleans by the describe's field types, datetimes
 * `...000+0000`. Columns keep the header's order; unknown columns stay text. `fieldTypes` maps
 * field names to describe types.
 *
 * The page's text is read in place (RFC 4180: comma-separated, `"` quoted with `""` inside, LF or
 * CRLF line ends, a leading BOM skipped), one row held at a time, without a stream: the stream
 * parser it replaces cost more per record than storing the record. A row whose cell count is not the
 * header's, or an unclosed quote, is a {@link SalesforceUnavailableError} (`MALFORMED_CSV`): a damaged
 * answer, read again when the attempt is retried.
 */
export function* bulkCsvRecords(csv: string, fieldTypes: ReadonlyMap<string, string>): Generator<Record<string, unknown>, void, undefined> {
  const rows = csvRows(csv);
  const first = rows.next();
  if (first.done === true) return;
  const header = first.value;
  const conversions = header.map((name) => CONVERSIONS.get(fieldTypes.get(name) ?? 'string') ?? 'text');
  let line = 1;
  for (const row of rows) {
    line += 1;
    if (row.length !== header.length) throw new SalesforceUnavailableError(`Bulk result row ${line} has ${row.length} cells, the header ${header.length}`, 'MALFORMED_CSV');
    const record: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c++) record[header[c]!] = toValue(row[c]!, conversions[c]!);
    yield record;
  }
}

/** The rows of `csv`, each an array of its cells' text. */
function* csvRows(csv: string): Generator<string[], void, undefined> {
  const end = csv.length;
  let at = csv.charCodeAt(0) === BOM ? 1 : 0;
  while (at < end) {
    const row: string[] = [];
    for (;;) {
      let cell: string;
      if (csv.charCodeAt(at) === QUOTE) {
        cell = '';
        let from = at + 1;
        for (;;) {
          const close = csv.indexOf('"', from);
          if (close === -1) throw new SalesforceUnavailableError('Bulk result has an unclosed quote', 'MALFORMED_CSV');
          if (csv.charCodeAt(close + 1) === QUOTE) {
            cell += csv.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          cell += csv.slice(from, close);
          at = close + 1;
          break;
        }
      } else {
        let stop = at;
        for (; stop < end; stop++) {
          const c = csv.charCodeAt(stop);
          if (c === COMMA || c === LF || c === CR) break;
        }
        cell = csv.slice(at, stop);
        at = stop;
      }
      row.push(cell);
      const next = csv.charCodeAt(at);
      if (next === COMMA) {
        at += 1;
        continue;
      }
      if (next === CR) at += csv.charCodeAt(at + 1) === LF ? 2 : 1;
      else if (next === LF) at += 1;
      else if (at < end) throw new SalesforceUnavailableError('Bulk result has text after a closing quote', 'MALFORMED_CSV');
      break;
    }
    yield row;
  }
}

function toValue(text: string, conversion: Conversion): unknown {
  if (text === '') return null;
  switch (conversion) {
    case 'text':
      return text;
    case 'boolean':
      return text === 'true';
    case 'number': {
      const value = Number(text);
      return Number.isNaN(value) ? text : value;
    }
    case 'datetime': {
      const match = CSV_DATETIME.exec(text);
      return match === null ? text : `${match[1]}${(match[2] ?? '.000').padEnd(4, '0')}+0000`;
    }
    default: {
      const unreachable: never = conversion;
      throw new Error(`unknown conversion ${String(unreachable)}`);
    }
  }
}
