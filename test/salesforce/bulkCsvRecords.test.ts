import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bulkCsvRecords, SalesforceUnavailableError } from '../../src/salesforce/index.ts';
import { Random } from '../support/random.ts';

const TYPES = new Map([
  ['Id', 'id'],
  ['Name', 'string'],
  ['Amount', 'currency'],
  ['Closed', 'boolean'],
  ['When', 'datetime'],
  ['Count', 'int'],
]);

describe('bulkCsvRecords', () => {
  it('should type cells like REST JSON: nulls, numbers, booleans, +0000 datetimes, text', () => {
    const csv = '\ufeff"Id","Name","Amount","Closed","When","Count","Extra"\n"001A","Acme","12.5","true","2024-01-02T03:04:05.6Z",,"x"\n"001B","","","false","2024-01-02T03:04:05Z","7",""\n';
    expect([...bulkCsvRecords(csv, TYPES)]).toEqual([
      { Id: '001A', Name: 'Acme', Amount: 12.5, Closed: true, When: '2024-01-02T03:04:05.600+0000', Count: null, Extra: 'x' },
      { Id: '001B', Name: null, Amount: null, Closed: false, When: '2024-01-02T03:04:05.000+0000', Count: 7, Extra: null },
    ]);
  });

  it('should read quotes, delimiters and line breaks inside quoted cells, LF or CRLF, like csv-parse', () => {
    const rows = [
      ['Id', 'Name'],
      ['001A', 'say "hi", then\nleave'],
      ['001B', '""'],
      ['001C', 'a\r\nb'],
    ];
    for (const ending of ['\n', '\r\n']) {
      const csv = rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join(ending) + ending;
      const parsed: string[][] = parse(csv);
      const expected = parsed.slice(1).map(([Id, Name]) => ({ Id, Name }));
      expect([...bulkCsvRecords(csv, TYPES)]).toEqual(expected);
    }
  });

  it('should read every cell as csv-parse does, on seeded random pages with any text, quoted or not, LF or CRLF', () => {
    const random = new Random(20261207);
    const next = () => random.next();
    const alphabet = ['a', 'Z', '0', ' ', ',', '"', '\n', '\r\n', '\r', '\t', 'é', '日', '😀', "'", '='];
    const types = new Map([...Array.from({ length: 6 }, (_, i) => [`F${i}`, 'string'] as const)]);
    for (let page = 0; page < 200; page++) {
      const ending = next() < 0.5 ? '\n' : '\r\n';
      const rows = Array.from({ length: 1 + Math.floor(next() * 20) }, () => Array.from({ length: 6 }, () => Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')));
      // Bulk API 2.0 quotes every cell; a cell without anything to escape may also come bare.
      const cell = (text: string) => (/[",\r\n]/.test(text) || next() < 0.5 ? `"${text.replace(/"/g, '""')}"` : text);
      const csv = [['F0', 'F1', 'F2', 'F3', 'F4', 'F5'], ...rows].map((row) => row.map(cell).join(',')).join(ending) + (next() < 0.5 ? ending : '');
      const parsed: string[][] = parse(csv);
      const expected = parsed.slice(1).map((row) => Object.fromEntries(row.map((text, i) => [`F${i}`, text === '' ? null : text])));
      expect([...bulkCsvRecords(csv, types)]).toEqual(expected);
    }
  });

  it('should read unquoted cells and a last line without a line end', () => {
    expect([...bulkCsvRecords('Id,Name,Count\n001A,Acme,3\n001B,,', TYPES)]).toEqual([
      { Id: '001A', Name: 'Acme', Count: 3 },
      { Id: '001B', Name: null, Count: null },
    ]);
  });

  it('should read nothing from an empty page or one with only its header', () => {
    expect([...bulkCsvRecords('', TYPES)]).toEqual([]);
    expect([...bulkCsvRecords('"Id","Name"\n', TYPES)]).toEqual([]);
  });

  it('should refuse a damaged page as retryable: a row of another length, an unclosed quote, text after a quote', () => {
    for (const csv of ['"Id","Name"\n"001A"\n', '"Id","Name"\n"001A","Acme\n', '"Id","Name"\n"001A","Ac"me\n']) {
      let caught: unknown;
      try {
        for (const _ of bulkCsvRecords(csv, TYPES));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SalesforceUnavailableError);
      expect((caught as SalesforceUnavailableError).sfErrorCode).toBe('MALFORMED_CSV');
    }
  });
});
