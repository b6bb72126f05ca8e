import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

const NUMERIC_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);
const CSV_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?Z$/;
/** Characters of CSV handed to the parser at a time: rows come out as they are consumed, not all at once. */
const SLICE = 65_536;

/**
 * The records of one Bulk API 2.0 query result page (CSV, header line first), one at a time and
 * typed the way REST JSON types them, so a backup stores the same record whichever API read it:
 * empty cells are `null`, numbers and booleans by the describe's field types, datetimes
 * `...000+0000`. Columns keep the header's order; unknown columns stay text. `fieldTypes` maps
 * field names to describe types.
 */
export async function* bulkCsvRecords(csv: string, fieldTypes: ReadonlyMap<string, string>): AsyncGenerator<Record<string, unknown>> {
  const slices = function* () {
    for (let at = 0; at < csv.length; at += SLICE) yield csv.slice(at, at + SLICE);
  };
  const parser = Readable.from(slices()).pipe(parse({ bom: true }));
  let header: string[] | null = null;
  let types: string[] = [];
  for await (const row of parser as AsyncIterable<string[]>) {
    if (header === null) {
      header = row;
      types = header.map((name) => fieldTypes.get(name) ?? 'string');
      continue;
    }
    const record: Record<string, unknown> = {};
    for (let c = 0; c < header.length; c++) record[header[c]!] = toValue(row[c] ?? '', types[c]!);
    yield record;
  }
}

function toValue(text: string, type: string): unknown {
  if (text === '') return null;
  if (type === 'boolean') return text === 'true';
  if (NUMERIC_TYPES.has(type)) {
    const value = Number(text);
    return Number.isNaN(value) ? text : value;
  }
  if (type === 'datetime') {
    const match = CSV_DATETIME.exec(text);
    return match === null ? text : `${match[1]}${(match[2] ?? '.000').padEnd(4, '0')}+0000`;
  }
  return text;
}
