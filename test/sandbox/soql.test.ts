import { describe, expect, it } from 'vitest';
import { SObjectCatalog } from '../../src/sandbox/index.ts';
import { SalesforceApiError } from '../../src/sandbox/errors/salesforceApiError.ts';
import { bindSoql } from '../../src/sandbox/soql/soqlBinder.ts';
import { parseSoql } from '../../src/sandbox/soql/soqlParser.ts';

function bind(soql: string): ReturnType<typeof bindSoql> {
  return bindSoql(parseSoql(soql), SObjectCatalog.standard);
}

function errorOf(soql: string): SalesforceApiError {
  try {
    bind(soql);
  } catch (error) {
    if (error instanceof SalesforceApiError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('sandbox SOQL subset', () => {
  it('should resolve field names case-insensitively to canonical names', () => {
    const query = bind('select id, NAME, systemmodstamp from account order by name desc nulls last limit 5 offset 2');
    expect(query.definition.name).toBe('Account');
    expect(query.fields.map((f) => f.name)).toEqual(['Id', 'Name', 'SystemModstamp']);
    expect(query.orderBy).toEqual([expect.objectContaining({ descending: true, nullsFirst: false })]);
    expect([query.limit, query.offset]).toEqual([5, 2]);
  });

  it('should evaluate comparisons, LIKE, IN, NOT, OR and null checks like Salesforce', () => {
    const matches = (where: string, values: Record<string, unknown>): boolean => {
      const predicate = bind(`SELECT Id FROM Account WHERE ${where}`).predicate;
      return predicate ? predicate(values as never) : true;
    };
    expect(matches("Name = 'acme'", { Name: 'ACME' })).toBe(true);
    expect(matches("Name LIKE 'Ac%e\\_1'", { Name: 'acme_1' })).toBe(true);
    expect(matches("Name LIKE 'Ac%e\\_1'", { Name: 'acmeX1' })).toBe(false);
    expect(matches("Industry IN ('Energy', 'Media')", { Industry: 'media' })).toBe(true);
    expect(matches("Industry NOT IN ('Energy')", { Industry: null })).toBe(true);
    expect(matches('NOT (NumberOfEmployees > 10 OR AnnualRevenue = null)', { NumberOfEmployees: 5, AnnualRevenue: 3 })).toBe(true);
    expect(matches('NumberOfEmployees > 10', { NumberOfEmployees: null })).toBe(false);
    expect(matches('NumberOfEmployees != 10', { NumberOfEmployees: null })).toBe(true);
    expect(matches('Active__c = true AND Customer_Since__c >= 2024-01-31', { Active__c: true, Customer_Since__c: '2024-02-01' })).toBe(true);
    expect(matches('SystemModstamp > 2024-01-01T00:00:00.000+01:00', { SystemModstamp: Date.parse('2023-12-31T23:30:00Z') })).toBe(true);
  });

  it('should pull Id restrictions and datetime bounds out of top-level ANDs', () => {
    const query = bind("SELECT Id FROM Contact WHERE Id IN ('0038d0001000001', '0038d0001000002AAA') AND SystemModstamp >= 2025-02-01T00:00:00Z");
    expect(query.idRestriction).toEqual(['0038d0001000001AAA', '0038d0001000002AAA']);
    expect(query.datetimeBounds).toEqual([{ field: 'SystemModstamp', operator: '>=', value: Date.parse('2025-02-01T00:00:00Z') }]);
    expect(bind("SELECT Id FROM Contact WHERE Id = 'a' OR Id = 'b'".replace(/'a'|'b'/g, "'0038d0001000001AAA'")).idRestriction).toBeNull();
  });

  it('should answer malformed and invalid queries with Salesforce codes and positions', () => {
    const malformed = errorOf('SELECT Id FROM Account WHERE Name = ');
    expect(malformed.errorCode).toBe('MALFORMED_QUERY');
    expect(malformed.message).toContain('ERROR at Row:1:Column:37');
    expect(errorOf('SELECT Id FROM Account LIMIT -1').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT Id, (SELECT Id FROM Contacts) FROM Account').errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf('SELECT Id FROM Account\nWHERE Foo = 1').message).toContain('ERROR at Row:2:Column:7');
    expect(errorOf('SELECT Id FROM AggregateResult').errorCode).toBe('INVALID_TYPE');
    expect(errorOf('SELECT Account.Name FROM Contact').errorCode).toBe('INVALID_FIELD');
    expect(errorOf('SELECT Id FROM Account WHERE NumberOfEmployees > \'10\'').errorCode).toBe('INVALID_FIELD');
    expect(errorOf("SELECT Id FROM Account WHERE Id = 'nope'").errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(errorOf('SELECT Id FROM Account ORDER BY Description').errorCode).toBe('INVALID_FIELD');
    expect(errorOf('SELECT COUNT(), Name FROM Account').errorCode).toBe('MALFORMED_QUERY');
  });
});
