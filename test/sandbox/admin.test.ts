import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { adminHeaders, loginTo, newConnection, rejectionOf, sandboxAdmin, uniqueUsername } from '../support/sandboxConnection.ts';

const admin = sandboxAdmin;

/** A raw HTTP request to the sandbox (fetch cannot set `Host`); answers the status and the body text. */
function rawRequest(sandbox: Sandbox, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sandbox.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

describe('sandbox org admin API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should create, seed, mutate and read back an org over HTTP', async () => {
    const username = uniqueUsername('admin');
    const created = await admin(sandbox, 'POST', '/orgs', { username, password: 'pw', size: 0 });
    expect(created.status).toBe(201);
    const orgId = (created.json as { orgId: string }).orgId;
    expect(created.json).toMatchObject({ username, loginUrl: sandbox.url, generatedCounts: { Account: 0, Contact: 0 } });
    expect((await admin(sandbox, 'POST', '/orgs', { username, password: 'pw' })).json).toEqual({ error: { code: 'SANDBOX_ORG_EXISTS', message: `an org with username ${username} already exists` } });
    const seeded = await admin(sandbox, 'POST', `/orgs/${orgId}/seed`, { seed: 7, size: { Account: 30 } });
    expect(seeded.json).toMatchObject({ seed: 7, generatedCounts: { Account: 30, Contact: 0 } });
    const mutated = await admin(sandbox, 'POST', `/orgs/${username}/mutate`, { object: 'Account', update: 3, delete: 2, insert: 4 });
    const result = mutated.json as { updated: string[]; deleted: string[]; inserted: string[]; errors: unknown[] };
    expect([result.updated.length, result.deleted.length, result.inserted.length, result.errors]).toEqual([3, 2, 4, []]);
    const ndjson = await fetch(`${sandbox.url}/__admin/orgs/${orgId}/records/Account?includeDeleted=true`, { headers: adminHeaders(sandbox) });
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson');
    const records = (await ndjson.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(34);
    expect(records.filter((r) => r['IsDeleted'] === true).map((r) => r['Id']).sort()).toEqual([...result.deleted].sort());
    const live = await admin(sandbox, 'GET', `/orgs/${orgId}/records/Account?format=json`);
    expect(live.json).toHaveLength(32);
    const conn = newConnection(sandbox);
    await conn.login(username, 'pw');
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(32);
    expect((await admin(sandbox, 'DELETE', `/orgs/${orgId}`)).status).toBe(204);
    expect((await admin(sandbox, 'GET', `/orgs/${orgId}`)).status).toBe(404);
  });

  it('should set API allowance, token policy and faults over HTTP', async () => {
    const org = sandbox.addOrg({ username: uniqueUsername('policy'), password: 'pw', size: 10 });
    const conn = await loginTo(sandbox, org);
    const patched = await admin(sandbox, 'PATCH', `/orgs/${org.orgId}`, { dailyApiRequests: 50, apiRequestsUsed: 50, tokenMaxCalls: 5 });
    expect(patched.json).toMatchObject({ apiUsage: { used: 50, max: 50 }, tokenMaxCalls: 5 });
    expect((await rejectionOf(conn.query('SELECT Id FROM Account'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    await admin(sandbox, 'PATCH', `/orgs/${org.orgId}`, { apiRequestsUsed: 0 });
    const expired = await admin(sandbox, 'POST', `/orgs/${org.orgId}/expire-tokens`);
    expect(expired.json).toEqual({ expired: 1 });
    expect((await conn.query('SELECT Id FROM Account')).done).toBe(true);
    const rule = await admin(sandbox, 'POST', '/faults', { kind: 'limits', orgId: org.orgId, errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(rule.status).toBe(201);
    expect((await rejectionOf(conn.limits())).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect((await admin(sandbox, 'DELETE', `/faults/${(rule.json as { id: string }).id}`)).status).toBe(204);
    expect(await conn.limits()).toHaveProperty('DailyApiRequests');
    const invalid = await admin(sandbox, 'POST', '/faults', { kind: 'nope' });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { error: { code: string } }).error.code).toBe('SANDBOX_INVALID_REQUEST');
  });

  it('should refuse admin requests without the token (401) or with another one (403), changing nothing', async () => {
    const username = uniqueUsername('noauth');
    const body = JSON.stringify({ username, password: 'pw', size: 0 });
    const none = await fetch(`${sandbox.url}/__admin/orgs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'SANDBOX_ADMIN_UNAUTHORIZED' } });
    const wrong = await fetch(`${sandbox.url}/__admin/orgs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.adminToken}x` }, body });
    expect(wrong.status).toBe(403);
    expect((await fetch(`${sandbox.url}/__admin/orgs`)).status).toBe(401);
    expect((await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' })).status).toBe(401);
    expect(sandbox.orgs.map((o) => o.username)).not.toContain(username);
    // The Salesforce API itself is not the admin API: it keeps its own OAuth.
    expect((await fetch(`${sandbox.url}/services/data`)).status).toBe(200);
  });

  it('should take JSON only: 415 for text/plain and form bodies, which a cross-site page can send', async () => {
    const username = uniqueUsername('plain');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(`${sandbox.url}/__admin/orgs`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${sandbox.adminToken}` }, body: JSON.stringify({ username, password: 'pw', size: 0 }) });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: 'SANDBOX_ADMIN_UNSUPPORTED_MEDIA_TYPE' } });
    }
    expect(sandbox.orgs.map((o) => o.username)).not.toContain(username);
    expect((await admin(sandbox, 'POST', '/orgs', { username, password: 'pw', size: 0 })).status).toBe(201);
  });

  it('should answer only at a loopback Host with its port (DNS rebinding), 403 otherwise', async () => {
    const headers = { authorization: `Bearer ${sandbox.adminToken}` };
    for (const host of ['evil.example', `evil.example:${sandbox.port}`, `localhost.evil.example:${sandbox.port}`, '127.0.0.1', `127.0.0.1:${sandbox.port + 1}`]) {
      const res = await rawRequest(sandbox, 'GET', '/__admin/orgs', { ...headers, host });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'SANDBOX_ADMIN_FORBIDDEN_HOST' } });
    }
    for (const host of [`localhost:${sandbox.port}`, `127.0.0.1:${sandbox.port}`, `[::1]:${sandbox.port}`]) {
      expect((await rawRequest(sandbox, 'GET', '/__admin/orgs', { ...headers, host })).status, host).toBe(200);
    }
  });

  it('should use a token given as an option, and refuse to start with NODE_ENV=production', async () => {
    const given = await startSandbox({ adminToken: 'a-given-admin-token-1234' });
    try {
      expect(given.adminToken).toBe('a-given-admin-token-1234');
      expect((await admin(given, 'GET', '/orgs')).status).toBe(200);
    } finally {
      await given.stop();
    }
    expect(sandbox.adminToken).not.toBe(given.adminToken);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startSandbox()).rejects.toMatchObject({ code: 'SANDBOX_REFUSED_IN_PRODUCTION' });
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('should not start from main.ts with NODE_ENV=production, with a log line and exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', LONGHAUL_SANDBOX_PORT: '0', LONGHAUL_SANDBOX_RECORDS: '10' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(output).toContain('sandbox org not started: the sandbox org is a development tool: it never starts with NODE_ENV=production');
    expect(output).not.toContain('sandbox org ready');
  });

  it('should run standalone from main.ts with the demo org and stop on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
      env: { ...process.env, LONGHAUL_SANDBOX_PORT: '0', LONGHAUL_SANDBOX_RECORDS: '100', LONGHAUL_SANDBOX_ADMIN_TOKEN: 'token-from-the-env-1234' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let loginUrl = '';
      let adminToken = '';
      for await (const line of lines) {
        const entry = JSON.parse(line) as { msg: string; loginUrl?: string; adminToken?: string };
        if (entry.loginUrl) {
          loginUrl = entry.loginUrl;
          adminToken = entry.adminToken ?? '';
          break;
        }
      }
      expect(loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const conn = newConnection({ url: loginUrl } as Sandbox);
      await conn.login('demo@sandbox.longhaul', 'demo');
      expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(30);
      expect(adminToken).toBe('token-from-the-env-1234');
      expect((await sandboxAdmin({ url: loginUrl, adminToken }, 'GET', '/orgs/demo@sandbox.longhaul')).json).toMatchObject({ username: 'demo@sandbox.longhaul' });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
