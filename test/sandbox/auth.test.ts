import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { accessToken, addTestOrg, loginTo, newConnection, rejectionOf, testApiVersion } from '../support/sandboxConnection.ts';

describe('sandbox org authentication', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should log in with the OAuth2 username-password flow and serve the identity URL', async () => {
    const org = addTestOrg(sandbox, { size: 10 });
    const conn = await loginTo(sandbox, org);
    expect(conn.instanceUrl).toBe(sandbox.url);
    expect(conn.userInfo).toEqual({ id: org.userId, organizationId: org.orgId, url: `${sandbox.url}/id/${org.orgId}/${org.userId}` });
    expect(conn.accessToken).toMatch(new RegExp(`^${org.orgId.slice(0, 15)}!`));
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: org.userId, organization_id: org.orgId, username: org.username, user_type: 'STANDARD' });
    expect(identity.urls.rest).toBe(`${sandbox.url}/services/data/v{version}/`);
  });

  it("should serve jsforce's default API version", async () => {
    const org = addTestOrg(sandbox, { size: 10 });
    const conn = new jsforce.Connection({ loginUrl: sandbox.url, oauth2: { clientId: 'c', clientSecret: 's', loginUrl: sandbox.url } });
    await conn.login(org.username, 'pw');
    expect(conn.version).toBe('50.0');
    const result = await conn.query('SELECT Id FROM Contact');
    expect((result.records[0]?.attributes as { url?: string } | undefined)?.url).toMatch(/^\/services\/data\/v50\.0\/sobjects\/Contact\/003/);
  });

  it('should return every token response field Salesforce returns', async () => {
    const org = addTestOrg(sandbox);
    const before = Date.now();
    const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: org.username, password: 'pw', client_id: 'c', client_secret: 's' }).toString(),
    });
    const body = (await response.json()) as Record<string, string>;
    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'refresh_token', 'scope', 'signature', 'token_type']);
    expect(body['token_type']).toBe('Bearer');
    // Milliseconds since the epoch, when the token was issued.
    expect(Number(body['issued_at'])).toBeGreaterThanOrEqual(before);
    expect(Number(body['issued_at'])).toBeLessThanOrEqual(Date.now());
  });

  it('should refuse a wrong password with invalid_grant', async () => {
    const org = addTestOrg(sandbox);
    const conn = newConnection(sandbox);
    const error = await rejectionOf(conn.login(org.username, 'wrong'));
    expect(error.name).toBe('invalid_grant');
    expect(error.message).toBe('authentication failure');
  });

  it('should answer an expired token with 401 INVALID_SESSION_ID in Salesforce shape', async () => {
    const org = addTestOrg(sandbox);
    const token = await accessToken(sandbox, org);
    org.expireTokens();
    const response = await fetch(`${sandbox.url}/services/data/v${testApiVersion}/limits`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('should let jsforce refresh an expired access token with its refresh token and continue', async () => {
    const org = addTestOrg(sandbox, { size: 50, tokenMaxCalls: 2 });
    const conn = newConnection(sandbox);
    await conn.authorize({ grant_type: 'password', username: org.username, password: 'pw' });
    expect(conn.refreshToken).toEqual(expect.any(String));
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    const first = conn.accessToken;
    for (let i = 0; i < 5; i += 1) {
      const result = await conn.query('SELECT Id FROM Account');
      expect(result.totalSize).toBe(org.summary().generatedCounts['Account']);
    }
    expect(refreshed.length).toBeGreaterThanOrEqual(2);
    expect(conn.accessToken).not.toBe(first);
  });

  it('should let jsforce log in again after expiry when it logged in with username and password', async () => {
    const org = addTestOrg(sandbox, { size: 10 });
    const conn = await loginTo(sandbox, org);
    const before = conn.accessToken;
    org.expireTokens();
    const result = await conn.query('SELECT COUNT() FROM Contact');
    expect(result.totalSize).toBe(3);
    expect(conn.accessToken).not.toBe(before);
  });

  it('should expire access tokens after their lifetime', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const clocked = await startSandbox({ clock: () => now });
    try {
      const org = addTestOrg(clocked, { tokenLifetimeMs: 60_000 });
      const token = await accessToken(clocked, org);
      const call = (): Promise<Response> => fetch(`${clocked.url}/services/data/v${testApiVersion}/limits`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await call()).status).toBe(200);
      now += 61_000;
      expect((await call()).status).toBe(401);
    } finally {
      await clocked.stop();
    }
  });
});
