import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import { soqlErrorMessage } from './soqlErrorMessage.ts';

/** One token of a SOQL text. */
export type SoqlToken =
  | { readonly type: 'ident'; readonly text: string; readonly offset: number }
  | { readonly type: 'string'; readonly value: string; readonly text: string; readonly offset: number }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly offset: number }
  | { readonly type: 'datetime'; readonly value: number; readonly text: string; readonly offset: number }
  | { readonly type: 'date'; readonly value: string; readonly text: string; readonly offset: number }
  | { readonly type: 'punct'; readonly text: string; readonly offset: number }
  | { readonly type: 'eof'; readonly text: ''; readonly offset: number };

const datetimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/i;
const datePattern = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const numberPattern = /^-?\d+(\.\d+)?(?![\w-])/;
const identPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/;
const puncts = ['!=', '<>', '<=', '>=', '=', '<', '>', '(', ')', ','];

function malformed(text: string, offset: number, detail: string): never {
  throw new SalesforceApiError(SalesforceErrorCode.MALFORMED_QUERY, soqlErrorMessage(text, offset, detail));
}

/** Splits a SOQL text into tokens; throws `MALFORMED_QUERY` on characters SOQL does not allow. */
export function tokenizeSoql(text: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length; j += 1) {
        const c = text[j];
        if (c === '\\') {
          const next = text[j + 1] ?? '';
          // \% and \_ stay escaped: they mean a literal % or _ in LIKE patterns.
          value += next === '%' || next === '_' ? `\\${next}` : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
          j += 1;
        } else if (c === "'") {
          break;
        } else {
          value += c;
        }
      }
      if (j >= text.length) malformed(text, i, `unterminated string literal`);
      tokens.push({ type: 'string', value, text: text.slice(i, j + 1), offset: i });
      i = j + 1;
      continue;
    }
    const dt = datetimePattern.exec(rest);
    if (dt) {
      const value = SalesforceDate.parseDateTime(dt[0]);
      if (!Number.isFinite(value)) malformed(text, i, `line 1:${i} no viable alternative at character '${dt[0]}'`);
      tokens.push({ type: 'datetime', value, text: dt[0], offset: i });
      i += dt[0].length;
      continue;
    }
    const d = datePattern.exec(rest);
    if (d) {
      if (!SalesforceDate.isDate(d[0])) malformed(text, i, `invalid date: ${d[0]}`);
      tokens.push({ type: 'date', value: d[0], text: d[0], offset: i });
      i += d[0].length;
      continue;
    }
    const num = numberPattern.exec(rest);
    if (num) {
      tokens.push({ type: 'number', value: Number(num[0]), text: num[0], offset: i });
      i += num[0].length;
      continue;
    }
    const ident = identPattern.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], offset: i });
      i += ident[0].length;
      continue;
    }
    const punct = puncts.find((p) => rest.startsWith(p));
    if (punct) {
      tokens.push({ type: 'punct', text: punct === '<>' ? '!=' : punct, offset: i });
      i += punct.length;
      continue;
    }
    malformed(text, i, `line 1:${i} no viable alternative at character '${ch}'`);
  }
  tokens.push({ type: 'eof', text: '', offset: text.length });
  return tokens;
}
