import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readTypeDefs } from '../../src/api/schema.ts';
import * as cliJobOperations from '../../src/cli/client/jobOperations.ts';
import * as cliMonitoringOperations from '../../src/cli/client/monitoringOperations.ts';
import * as dashboardJobOperations from '../../web/dashboard/api/jobOperations.ts';
import * as dashboardMonitoringOperations from '../../web/dashboard/api/monitoringOperations.ts';
import * as dashboardOrgOperations from '../../web/dashboard/api/orgOperations.ts';
import * as dashboardScheduleOperations from '../../web/dashboard/api/scheduleOperations.ts';
import { exampleTabs } from '../../web/graphiql/exampleTabs.ts';

/** The exported GraphQL documents of a module: strings (or generated `String` documents) that start with an operation keyword. */
function documentsOf(module: Record<string, unknown>): [string, string][] {
  return Object.entries(module)
    .filter(([, value]) => typeof value === 'string' || value instanceof String)
    .map(([name, value]): [string, string] => [name, String(value)])
    .filter(([, text]) => /^\s*(query|mutation|subscription)\b/.test(text));
}

function errorsIn(schema: GraphQLSchema, document: string): string[] {
  return validate(schema, parse(document)).map((error) => error.message);
}

describe('the documents the clients send are valid against the SDL in schema/', () => {
  const schema = buildSchema(readTypeDefs().join('\n'));

  it('should validate every GraphiQL example tab', () => {
    expect(exampleTabs.length).toBeGreaterThanOrEqual(6);
    for (const tab of exampleTabs) expect(errorsIn(schema, tab.query), tab.query.split('\n').find((line) => /^(query|mutation|subscription)/.test(line))).toEqual([]);
    const all = exampleTabs.map((tab) => tab.query).join('\n');
    expect(all).toContain('zombies');
    expect(all).toContain('debugQueue');
    expect(all).toMatch(/connectOrg\(\s*input: \{[^}]*loginUrl: "http:\/\/127\.0\.0\.1:4100"[^}]*username: "demo@sandbox\.longhaul"[^}]*password: "demo"/);
    expect(all).toMatch(/startBackup\(orgId: \$orgId\)/);
  });

  it('should validate every document of the dashboard', () => {
    const documents = [...documentsOf(dashboardJobOperations), ...documentsOf(dashboardMonitoringOperations), ...documentsOf(dashboardOrgOperations), ...documentsOf(dashboardScheduleOperations)];
    expect(documents.length).toBeGreaterThanOrEqual(22);
    expect(documents.map(([name]) => name)).toEqual(expect.arrayContaining(['ORGS', 'BACKUP_POLICY', 'BACKUP_HISTORY', 'ORG_ALERTS', 'LIST_SCHEDULES', 'PAUSE_SCHEDULE', 'RESUME_SCHEDULE']));
    for (const [name, document] of documents) expect(errorsIn(schema, document), name).toEqual([]);
  });

  it('should validate every document of the CLI', () => {
    const documents = [...documentsOf(cliJobOperations), ...documentsOf(cliMonitoringOperations)];
    expect(documents.length).toBeGreaterThanOrEqual(5);
    for (const [name, document] of documents) expect(errorsIn(schema, document), name).toEqual([]);
  });
});
