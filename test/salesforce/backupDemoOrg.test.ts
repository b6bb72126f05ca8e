import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { sandboxAdmin } from '../support/sandboxConnection.ts';
import { findFreePort } from '../../src/db/freePort.ts';
import { BackupFileStore } from '../../src/storage/index.ts';

describe('longhaul all with the sandbox org', () => {
  const dbName = uniqueDatabaseName('sfdemo');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  let sandboxUrl: string;
  let adminToken: string;
  let port: number;

  beforeAll(async () => {
    port = await findFreePort();
    app = await startLonghaul('all', dbName, {
      LONGHAUL_SECRET_KEYS: `t1:${randomBytes(32).toString('base64')}`,
      LONGHAUL_SANDBOX: 'on',
      LONGHAUL_SANDBOX_PORT: String(port),
      LONGHAUL_SANDBOX_RECORDS: '3000',
      LONGHAUL_SANDBOX_SEED: '77',
      // The sandbox `longhaul all` starts is the one loopback URL allowed, in the API and in its workers.
      LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'off',
    });
    sandboxUrl = (await app.waitForStdout(/sandbox Salesforce org at (\S+)/))[1]!;
    adminToken = (await app.waitForStdout(/sandbox admin API token .*: (\S+)$/))[1]!;
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should serve the demo org on the configured port, connect it through GraphQL and back it up in full', async () => {
    expect(sandboxUrl).toBe(`http://127.0.0.1:${port}`);
    const input = { name: 'Demo', loginUrl: sandboxUrl, username: 'demo@sandbox.longhaul', password: 'demo', clientId: 'any', clientSecret: 'any' };
    const org = (await gqlData(app.url, TEST_KEYS.tenantA, 'mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id status salesforceOrgId } }', { input })).connectOrg;
    expect(org.status).toBe('CONNECTED');
    await gqlData(app.url, TEST_KEYS.tenantA, 'mutation($orgId: ID!) { startBackup(orgId: $orgId) { id } }', { orgId: org.id });
    let backup: { id: string; status: string; records: number; objects: { name: string; records: number; parts: number }[]; job: { state: string } } | undefined;
    const deadline = Date.now() + 90_000;
    do {
      await new Promise((r) => setTimeout(r, 250));
      backup = (await gqlData(app.url, TEST_KEYS.tenantA, 'query($orgId: ID!) { backups(orgId: $orgId) { id status records job { state } objects { name records parts } } }', { orgId: org.id })).backups[0];
    } while (backup !== undefined && !['SUCCEEDED', 'FAILED'].includes(backup.job.state) && Date.now() < deadline);
    expect(backup?.job.state).toBe('SUCCEEDED');
    expect(backup!.status).toBe('SUCCEEDED');
    // The sandbox runs inside `longhaul all`: its admin API gives the records to compare with.
    const files = new BackupFileStore(mongo.db(dbName));
    let total = 0;
    for (const object of backup!.objects) {
      const response = await sandboxAdmin({ url: sandboxUrl, adminToken }, 'GET', `/orgs/demo@sandbox.longhaul/records/${object.name}?format=json`);
      const expected = (response.json as Record<string, unknown>[]).map(({ attributes: _a, ...fields }) => fields);
      const stored: Record<string, unknown>[] = [];
      for await (const record of files.readRecords('tenantA', backup!.id, object.name, object.parts)) stored.push(record);
      expect(stored, object.name).toEqual(expected);
      total += expected.length;
    }
    expect(total).toBe(3000 + 5);
    expect(backup!.records).toBe(total);
  });
});
