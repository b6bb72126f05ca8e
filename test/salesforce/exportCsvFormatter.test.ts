import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { exportCsvOptions } from '../../src/jobs/salesforce/export/csvDialect.ts';
import { ExportCsvFormatter } from '../../src/jobs/salesforce/export/exportCsvFormatter.ts';
import { Random } from '../support/random.ts';

const ALPHABET = ['a', 'Z', '0', ' ', ',', '"', "'", '\r', '\n', '\r\n', '\t', '=', '+', '-', '@', ';', '|', '\\', 'é', '日', '😀', '\uFF1D'];

function value(next: () => number): unknown {
  const text = () => Array.from({ length: Math.floor(next() * 8) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  switch (Math.floor(next() * 10)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return '';
    case 3:
      return [0, -0, -5, 1.5, 1e21, -1e-7, Number.NaN, Number.POSITIVE_INFINITY, 42][Math.floor(next() * 9)];
    case 4:
      return next() < 0.5;
    case 5:
      return new Date(Math.floor(next() * 4e12));
    case 6:
      return { name: text(), list: [1, text(), null], nested: { quote: '"' } };
    default:
      return text();
  }
}

const cellAt = (row: readonly unknown[], i: number): unknown => row[i];

describe('ExportCsvFormatter', () => {
  it('should write the same bytes as csv-stringify with the export dialect, for any values, both spreadsheet modes', () => {
    for (const spreadsheetSafe of [false, true]) {
      const random = new Random(spreadsheetSafe ? 7 : 11);
      const next = () => random.next();
      const headers = ['Id', '=Formula', ' padded', 'a,b', 'say "hi"', 'Account.Name', 'line\nbreak', '-minus'];
      const rows = Array.from({ length: 3000 }, () => headers.map(() => value(next)));
      const formatter = new ExportCsvFormatter({ headers, spreadsheetSafe });
      const fast = formatter.header() + formatter.rows(rows.slice(0, 1000), cellAt) + formatter.rows(rows.slice(1000), cellAt);
      expect(fast).toBe(stringify(rows, exportCsvOptions({ headers, spreadsheetSafe })));
    }
  });

  it('should keep an empty string and a null apart: `""` and nothing', () => {
    const formatter = new ExportCsvFormatter({ headers: ['A', 'B', 'C'] });
    expect(formatter.rows([['', null, undefined]], cellAt)).toBe('"",,\r\n');
    expect(stringify([['', null, undefined]], { ...exportCsvOptions({ headers: ['A', 'B', 'C'] }), header: false })).toBe('"",,\r\n');
  });
});
