import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import type { SoqlCondition, SoqlFieldRef, SoqlLiteral, SoqlOperator, SoqlOrderItem, SoqlQuery, SoqlSelectItem } from './soqlAst.ts';
import { soqlErrorMessage } from './soqlErrorMessage.ts';
import { tokenizeSoql, type SoqlToken } from './soqlLexer.ts';

const reserved = new Set(['select', 'from', 'where', 'order', 'by', 'limit', 'offset', 'and', 'or', 'not', 'in', 'like', 'asc', 'desc', 'nulls', 'first', 'last', 'null', 'true', 'false', 'group', 'having', 'with', 'for', 'using', 'includes', 'excludes']);

/**
 * Parses the SOQL subset the sandbox serves: a field list or `COUNT()` /
 * `COUNT(field) [alias]`, `FROM` one object, `WHERE` with comparisons
 * (`= != <> < <= > >= LIKE`), `[NOT] IN (...)`, `AND`, `OR`, `NOT` and
 * parentheses, `ORDER BY` fields `[ASC|DESC] [NULLS FIRST|LAST]`, `LIMIT`,
 * `OFFSET`. Anything else throws `MALFORMED_QUERY` in Salesforce's format.
 */
export function parseSoql(text: string): SoqlQuery {
  return new SoqlParser(text).parseQuery();
}

class SoqlParser {
  private readonly text: string;
  private readonly tokens: SoqlToken[];
  private index = 0;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenizeSoql(text);
  }

  parseQuery(): SoqlQuery {
    this.expectKeyword('select');
    const select = this.parseSelectList();
    this.expectKeyword('from');
    const from = this.parseField('an object name');
    let where: SoqlCondition | null = null;
    let orderBy: SoqlOrderItem[] = [];
    let limit: number | null = null;
    let offset: number | null = null;
    if (this.acceptKeyword('where')) where = this.parseOr();
    if (this.acceptKeyword('order')) {
      this.expectKeyword('by');
      orderBy = this.parseOrderBy();
    }
    if (this.acceptKeyword('limit')) limit = this.parseCount('LIMIT');
    if (this.acceptKeyword('offset')) offset = this.parseCount('OFFSET');
    const end = this.peek();
    if (end.type !== 'eof') this.unexpected(end);
    return { text: this.text, select, from, where, orderBy, limit, offset };
  }

  private parseSelectList(): SoqlSelectItem[] {
    const items: SoqlSelectItem[] = [];
    do {
      const token = this.peek();
      if (token.type === 'punct' && token.text === '(') {
        this.malformed(token.offset, 'sub-queries are not supported by the sandbox org');
      }
      if (token.type === 'ident' && token.text.toLowerCase() === 'count' && this.peek(1).text === '(') {
        this.index += 2;
        let field: SoqlFieldRef | null = null;
        if (!this.acceptPunct(')')) {
          field = this.parseField('a field name');
          this.expectPunct(')');
        }
        let alias: string | null = null;
        const next = this.peek();
        if (next.type === 'ident' && !reserved.has(next.text.toLowerCase())) {
          alias = next.text;
          this.index += 1;
        }
        items.push({ type: 'count', field, alias });
      } else if (token.type === 'ident' && /^fields$/i.test(token.text) && this.peek(1).text === '(') {
        this.malformed(token.offset, 'FIELDS() is not supported by the sandbox org');
      } else {
        items.push({ type: 'field', field: this.parseField('a field name') });
      }
    } while (this.acceptPunct(','));
    return items;
  }

  private parseOrderBy(): SoqlOrderItem[] {
    const items: SoqlOrderItem[] = [];
    do {
      const field = this.parseField('a field name');
      let descending = false;
      if (this.acceptKeyword('desc')) descending = true;
      else this.acceptKeyword('asc');
      let nullsFirst: boolean | null = null;
      if (this.acceptKeyword('nulls')) {
        if (this.acceptKeyword('first')) nullsFirst = true;
        else {
          this.expectKeyword('last');
          nullsFirst = false;
        }
      }
      items.push({ field, descending, nullsFirst });
    } while (this.acceptPunct(','));
    return items;
  }

  private parseCount(what: string): number {
    const token = this.next();
    if (token.type !== 'number' || !Number.isInteger(token.value) || token.value < 0) {
      this.malformed(token.offset, `${what} must be a non-negative integer, found '${token.text}'`);
    }
    return token.value;
  }

  private parseOr(): SoqlCondition {
    const operands = [this.parseAnd()];
    while (this.acceptKeyword('or')) operands.push(this.parseAnd());
    return operands.length === 1 ? (operands[0] as SoqlCondition) : { type: 'or', operands };
  }

  private parseAnd(): SoqlCondition {
    const operands = [this.parseNot()];
    while (this.acceptKeyword('and')) operands.push(this.parseNot());
    return operands.length === 1 ? (operands[0] as SoqlCondition) : { type: 'and', operands };
  }

  private parseNot(): SoqlCondition {
    if (this.acceptKeyword('not')) return { type: 'not', operand: this.parseNot() };
    if (this.acceptPunct('(')) {
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): SoqlCondition {
    const field = this.parseField('a field name');
    const token = this.next();
    if (token.type === 'ident') {
      const word = token.text.toLowerCase();
      if (word === 'in' || (word === 'not' && this.peek().text.toLowerCase() === 'in')) {
        if (word === 'not') this.index += 1;
        return this.parseInList(field, word === 'not');
      }
      if (word === 'like') {
        const valueOffset = this.peek().offset;
        return { type: 'compare', field, operator: 'LIKE', value: this.parseLiteral(), valueOffset };
      }
      this.unexpected(token);
    }
    if (token.type !== 'punct' || !['=', '!=', '<', '<=', '>', '>='].includes(token.text)) this.unexpected(token);
    const valueOffset = this.peek().offset;
    return { type: 'compare', field, operator: token.text as SoqlOperator, value: this.parseLiteral(), valueOffset };
  }

  private parseInList(field: SoqlFieldRef, negated: boolean): SoqlCondition {
    this.expectPunct('(');
    const valueOffset = this.peek().offset;
    if (this.peek().type === 'ident' && this.peek().text.toLowerCase() === 'select') {
      this.malformed(valueOffset, 'semi-join sub-selects are not supported by the sandbox org');
    }
    const values: SoqlLiteral[] = [];
    do {
      values.push(this.parseLiteral());
    } while (this.acceptPunct(','));
    this.expectPunct(')');
    return { type: 'in', field, negated, values, valueOffset };
  }

  private parseLiteral(): SoqlLiteral {
    const token = this.next();
    switch (token.type) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'datetime':
        return { kind: 'datetime', value: token.value };
      case 'date':
        return { kind: 'date', value: token.value };
      case 'ident': {
        const word = token.text.toLowerCase();
        if (word === 'null') return { kind: 'null' };
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        return this.malformed(token.offset, `unexpected token: '${token.text}' (date literals such as TODAY are not supported by the sandbox org)`);
      }
      case 'punct':
      case 'eof':
        return this.unexpected(token);
      default: {
        const unreachable: never = token;
        return unreachable;
      }
    }
  }

  private parseField(what: string): SoqlFieldRef {
    const token = this.next();
    if (token.type !== 'ident' || reserved.has(token.text.toLowerCase())) {
      if (token.type === 'eof') this.malformed(token.offset, `unexpected end of query, expected ${what}`);
      this.unexpected(token);
    }
    return { name: token.text, offset: token.offset };
  }

  private peek(ahead = 0): SoqlToken {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as SoqlToken;
  }

  private next(): SoqlToken {
    const token = this.peek();
    if (token.type !== 'eof') this.index += 1;
    return token;
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token.type === 'ident' && token.text.toLowerCase() === word) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) this.unexpected(this.peek());
  }

  private acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token.type === 'punct' && token.text === text) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) this.unexpected(this.peek());
  }

  private unexpected(token: SoqlToken): never {
    if (token.type === 'eof') return this.malformed(token.offset, 'unexpected token: <EOF>');
    return this.malformed(token.offset, `unexpected token: '${token.text}'`);
  }

  private malformed(offset: number, detail: string): never {
    throw new SalesforceApiError(SalesforceErrorCode.MALFORMED_QUERY, soqlErrorMessage(this.text, offset, detail));
  }
}
