import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { FAST_ENV, TEST_KEYS } from '../support/longhaulProcess.ts';
import { accessToken, addTestOrg } from '../support/sandboxConnection.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startApiServer, type ApiServer } from '../../src/app/apiServer.ts';
import { openRuntime, type Runtime } from '../../src/app/runtime.ts';
import { startSandbox, type OrgHandle, type Sandbox } from '../../src/sandbox/index.ts';

const ORG_FIELDS = 'id name authFlow loginUrl instanceUrl username clientId salesforceOrgId status statusDetail apiBudget { max remaining }';
const CONNECT = `mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { ${ORG_FIELDS} } }`;

describe('org connections', () => {
  const dbName = uniqueDatabaseName('sforgs');
  let client: MongoClient;
  let runtime: Runtime;
  let api: ApiServer;
  let sandbox: Sandbox;
  let org: OrgHandle;

  beforeAll(async () => {
    sandbox = await startSandbox();
    org = addTestOrg(sandbox, { size: 20 });
    client = await MongoClient.connect(testDatabaseUri(dbName));
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    const config = loadConfig({ ...FAST_ENV, PORT: '0', LONGHAUL_DB: dbName, MONGODB_URI: testDatabaseUri(dbName), LONGHAUL_SECRET_KEYS: keys, LONGHAUL_SALESFORCE_LIMITS_CACHE_MS: '0',
      // As `longhaul all` does for the sandbox it starts: loopback on the sandbox's port only.
      LONGHAUL_SALESFORCE_ALLOW_LOOPBACK: 'off', LONGHAUL_SANDBOX_URL: sandbox.url });
    runtime = await openRuntime(config, pino({ level: 'silent' }), { allowEmbedded: false, connection: { client, db: client.db(dbName), ferretdb: true, close: () => client.close() } });
    api = await startApiServer(config, runtime, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await api?.close();
    await runtime?.close();
    await client?.db(dbName).dropDatabase().catch(() => undefined);
    await client?.close();
    await sandbox?.stop();
  });

  const passwordInput = (extra: Record<string, unknown> = {}) => ({
    name: 'Main org',
    loginUrl: sandbox.url,
    username: org.username,
    password: 'pw',
    clientId: 'client-id',
    clientSecret: 'client-secret-value',
    ...extra,
  });

  it('should connect an org with the username-password flow and report its API budget', async () => {
    const data = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: passwordInput() });
    expect(data.connectOrg).toMatchObject({ name: 'Main org', authFlow: 'USERNAME_PASSWORD', status: 'CONNECTED', salesforceOrgId: org.orgId, username: org.username, clientId: 'client-id' });
    const usage = org.summary().apiUsage;
    expect(data.connectOrg.apiBudget).toEqual({ max: 100_000, remaining: usage.max - usage.used });
    expect(usage.used).toBeGreaterThan(0);
  });

  it('should connect an org with a refresh token and with an access token', async () => {
    const token = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: org.username, password: 'pw', client_id: 'c', client_secret: 's' }).toString(),
    }).then((r) => r.json() as Promise<{ refresh_token: string; instance_url: string }>);
    const refresh = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'By refresh', loginUrl: sandbox.url, refreshToken: token.refresh_token, clientId: 'c', clientSecret: 's' } });
    expect(refresh.connectOrg).toMatchObject({ authFlow: 'REFRESH_TOKEN', status: 'CONNECTED', salesforceOrgId: org.orgId });
    const access = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'By token', instanceUrl: sandbox.url, accessToken: await accessToken(sandbox, org) } });
    expect(access.connectOrg).toMatchObject({ authFlow: 'ACCESS_TOKEN', status: 'CONNECTED', salesforceOrgId: org.orgId, instanceUrl: sandbox.url });
  });

  it('should refuse incomplete or mixed credentials with BAD_USER_INPUT', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: 'x' }, ['username', 'password', 'refreshToken', 'accessToken']],
      [{ name: 'x', username: 'u', password: 'p' }, ['clientId', 'clientSecret']],
      [{ name: 'x', refreshToken: 'r', clientId: 'c' }, ['clientSecret']],
      [{ name: 'x', accessToken: 't' }, ['instanceUrl']],
      [{ name: 'x', accessToken: 't', instanceUrl: sandbox.url, password: 'p', username: 'u' }, []],
      [{ name: 'x', accessToken: 't', instanceUrl: 'not a url' }, ['instanceUrl']],
    ];
    for (const [input, missing] of cases) {
      const res = await gql(api.url, TEST_KEYS.tenantA, CONNECT, { input });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INCOMPLETE_CREDENTIALS', missing });
    }
  });

  it('should refuse credentials Salesforce rejects, with ORG_CONNECTION_FAILED and nothing stored', async () => {
    const before = await client.db(dbName).collection('orgs').countDocuments();
    const wrongPassword = await gql(api.url, TEST_KEYS.tenantA, CONNECT, { input: passwordInput({ password: 'wrong' }) });
    expect(wrongPassword.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_CONNECTION_FAILED', detail: 'invalid_grant' });
    const badToken = await gql(api.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'x', instanceUrl: sandbox.url, accessToken: 'not-a-token' } });
    expect(badToken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_CONNECTION_FAILED', detail: 'INVALID_SESSION_ID' });
    const badRefresh = await gql(api.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'x', loginUrl: sandbox.url, refreshToken: 'nope', clientId: 'c', clientSecret: 's' } });
    expect(badRefresh.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORG_CONNECTION_FAILED', detail: 'invalid_grant' });
    const otherPort = await gql(api.url, TEST_KEYS.tenantA, CONNECT, { input: passwordInput({ loginUrl: 'http://127.0.0.1:1' }) });
    expect(otherPort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOST_NOT_ALLOWED', field: 'loginUrl' });
    expect(JSON.stringify([wrongPassword, badRefresh])).not.toContain('client-secret-value');
    expect(await client.db(dbName).collection('orgs').countDocuments()).toBe(before);
  });

  it('should never return secrets nor store them in clear text', async () => {
    const secretPassword = `pw-${randomBytes(6).toString('hex')}`;
    const other = sandbox.addOrg({ username: `secret.${randomBytes(4).toString('hex')}@sandbox.test`, password: secretPassword, size: 10 });
    const data = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: passwordInput({ username: other.username, password: secretPassword, clientSecret: 'very-secret-client' }) });
    const introspected = await gqlData(api.url, TEST_KEYS.tenantA, '{ __type(name: "Org") { fields { name } } }');
    const fieldNames = introspected.__type.fields.map((f: { name: string }) => f.name);
    expect(fieldNames).not.toEqual(expect.arrayContaining(['password']));
    expect(fieldNames.filter((n: string) => /password|secret|token/i.test(n))).toEqual([]);
    const read = await gqlData(api.url, TEST_KEYS.tenantA, `query($id: ID!) { org(id: $id) { ${ORG_FIELDS} } orgs { ${ORG_FIELDS} } }`, { id: data.connectOrg.id });
    expect(JSON.stringify(read)).not.toContain(secretPassword);
    expect(JSON.stringify(read)).not.toContain('very-secret-client');
    const raw = await client.db(dbName).collection('orgs').find().toArray();
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(secretPassword);
    expect(dump).not.toContain('very-secret-client');
    expect(dump).not.toContain('client-secret-value');
    // Org ids are random (128 bits, url-safe), not driver ObjectIds.
    expect(data.connectOrg.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = raw.find((d) => String(d._id) === data.connectOrg.id)!;
    expect(stored.secrets).toMatchObject({ keyId: 'k1', iv: expect.any(String), tag: expect.any(String), data: expect.any(String) });
  });

  it('should check the connection and budget live on org(id) and report a failed check', async () => {
    const data = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: { name: 'Short-lived', instanceUrl: sandbox.url, accessToken: await accessToken(sandbox, org) } });
    org.setApiUsage({ used: 1234 });
    const live = await gqlData(api.url, TEST_KEYS.tenantA, `query($id: ID!) { org(id: $id) { status apiBudget { max remaining } } }`, { id: data.connectOrg.id });
    expect(live.org.status).toBe('CONNECTED');
    expect(live.org.apiBudget.max - live.org.apiBudget.remaining).toBeGreaterThanOrEqual(1234);
    org.expireTokens();
    const expired = await gqlData(api.url, TEST_KEYS.tenantA, `query($id: ID!) { org(id: $id) { status statusDetail } }`, { id: data.connectOrg.id });
    expect(expired.org).toEqual({ status: 'FAILED', statusDetail: 'INVALID_SESSION_ID' });
  });

  it('should keep orgs within their tenant', async () => {
    const data = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: passwordInput({ name: 'Tenant A only' }) });
    const id = data.connectOrg.id;
    const b = await gqlData(api.url, TEST_KEYS.tenantB, `query($id: ID!) { org(id: $id) { id } orgs { id } }`, { id });
    expect(b).toEqual({ org: null, orgs: [] });
    const start = await gql(api.url, TEST_KEYS.tenantB, 'mutation($id: ID!) { startBackup(orgId: $id) { id } }', { id });
    expect(start.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORG_NOT_FOUND' });
    const backups = await gql(api.url, TEST_KEYS.tenantB, 'query($id: ID!) { backups(orgId: $id) { id } }', { id });
    expect(backups.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const a = await gqlData(api.url, TEST_KEYS.tenantA, '{ orgs { id name } }');
    expect(a.orgs.map((o: { id: string }) => o.id)).toContain(id);
    const bad = await gql(api.url, TEST_KEYS.tenantA, '{ org(id: "nope") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ORG_ID' });
  });

  it('should refuse object names that are not sObject names, storing no backup', async () => {
    const data = await gqlData(api.url, TEST_KEYS.tenantA, CONNECT, { input: passwordInput({ name: 'Backups' }) });
    const injection = await gql(api.url, TEST_KEYS.tenantA, 'mutation($id: ID!) { startBackup(orgId: $id, mode: INCREMENTAL, objects: ["Account WHERE"]) { id } }', { id: data.connectOrg.id });
    expect(injection.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const list = await gqlData(api.url, TEST_KEYS.tenantA, 'query($id: ID!) { backups(orgId: $id) { id } }', { id: data.connectOrg.id });
    expect(list.backups).toEqual([]);
  });
});
